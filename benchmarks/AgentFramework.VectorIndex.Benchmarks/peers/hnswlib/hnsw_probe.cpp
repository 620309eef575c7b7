// The hnswlib peer for the vector index probe: the same vectors, queries and ground truth as
// `dotnet run -c Release -- export <n> <dir>`, timed the same way as `probe`: a warm-up over other queries
// of the same distribution, then each timed query once, timed on its own, one thread. Build it with build.sh.
//
//   hnsw_probe <export dir> <M> <efSearch> [efConstruction] [threads]
//
// The built graph is saved as <dir>/hnswlib-M<M>-efc<efC>.bin and reused by later runs, so repeated
// latency runs skip the build (as the C# probe does with VECTOR_BENCH_PROBE_DIR).
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Matrix {
    int rows = 0;
    int dims = 0;
    std::vector<float> data;
};

// fvecs / ivecs: per row an int32 dimension followed by that many 4-byte values.
template <typename T>
std::vector<T> ReadVecs(const std::string& path, int& rows, int& dims) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot open %s (run the C# export first)\n", path.c_str());
        std::exit(2);
    }
    in.seekg(0, std::ios::end);
    const auto bytes = static_cast<long long>(in.tellg());
    in.seekg(0);
    int32_t d = 0;
    in.read(reinterpret_cast<char*>(&d), 4);
    dims = d;
    rows = static_cast<int>(bytes / (4LL * (d + 1)));
    std::vector<T> out(static_cast<size_t>(rows) * d);
    in.seekg(0);
    for (int r = 0; r < rows; r++) {
        in.read(reinterpret_cast<char*>(&d), 4);
        in.read(reinterpret_cast<char*>(out.data() + static_cast<size_t>(r) * dims), 4LL * dims);
    }
    return out;
}

// Resident anonymous and file-backed kilobytes of this process.
void ReadResident(long long& anonKb, long long& fileKb) {
    anonKb = fileKb = 0;
    std::ifstream status("/proc/self/status");
    std::string key;
    long long value;
    std::string unit;
    while (status >> key) {
        if (key == "RssAnon:" || key == "RssFile:" || key == "RssShmem:") {
            status >> value >> unit;
            (key == "RssAnon:" ? anonKb : fileKb) += value;
        } else {
            status.ignore(1 << 20, '\n');
        }
    }
}

double Seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: hnsw_probe <export dir> <M> <efSearch> [efConstruction=128] [threads=1]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const int m = std::atoi(argv[2]);
    const int ef = std::atoi(argv[3]);
    const int efConstruction = argc > 4 ? std::atoi(argv[4]) : 128;
    const int threads = argc > 5 ? std::atoi(argv[5]) : 1;

    int n, dims, nq, qd, ng, k, nw, wd;
    auto queries = ReadVecs<float>(dir + "/query.fvecs", nq, qd);
    auto truth = ReadVecs<int32_t>(dir + "/truth.ivecs", ng, k);
    auto warm = ReadVecs<float>(dir + "/warm.fvecs", nw, wd);
    // The baseline includes the queries, so the figure below is the index alone (the raw vectors are freed before it is read).
    long long anon0, file0;
    ReadResident(anon0, file0);
    auto base = ReadVecs<float>(dir + "/base.fvecs", n, dims);

    hnswlib::InnerProductSpace space(dims);
    const std::string graphPath = dir + "/hnswlib-M" + std::to_string(m) + "-efc" + std::to_string(efConstruction) + ".bin";
    hnswlib::HierarchicalNSW<float>* index;
    std::string buildNote;
    if (std::ifstream(graphPath).good()) {
        const auto start = std::chrono::steady_clock::now();
        index = new hnswlib::HierarchicalNSW<float>(&space, graphPath);
        buildNote = "loaded " + graphPath + " in " + std::to_string(Seconds(start)) + " s";
    } else {
        index = new hnswlib::HierarchicalNSW<float>(&space, n, m, efConstruction);
        const auto start = std::chrono::steady_clock::now();
        index->addPoint(base.data(), 0);  // the first point alone, as hnswlib's own parallel examples do
        std::atomic<int> next{1};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; t++) {
            workers.emplace_back([&] {
                for (int i = next++; i < n; i = next++) {
                    index->addPoint(base.data() + static_cast<size_t>(i) * dims, i);
                }
            });
        }
        for (auto& w : workers) w.join();
        const double seconds = Seconds(start);
        char line[160];
        std::snprintf(line, sizeof line, "built in %.1f s: %.0f inserts/s on %d thread(s)", seconds, n / seconds, threads);
        buildNote = line;
        index->saveIndex(graphPath);
    }

    // The index's own memory: drop the raw copy of the vectors first (hnswlib keeps its own).
    std::vector<float>().swap(base);
    long long anon1, file1;
    ReadResident(anon1, file1);

    index->setEf(ef);
    for (int q = 0; q < nw; q++) {
        index->searchKnn(warm.data() + static_cast<size_t>(q) * dims, 10);
    }
    std::vector<double> latencies;
    double recall = 0;
    for (int q = 0; q < nq; q++) {
        const auto start = std::chrono::steady_clock::now();
        auto result = index->searchKnn(queries.data() + static_cast<size_t>(q) * dims, 10);
        latencies.push_back(Seconds(start) * 1000);
        int hits = 0;
        while (!result.empty()) {
            const auto id = static_cast<int32_t>(result.top().second);
            result.pop();
            hits += std::count(truth.begin() + static_cast<size_t>(q) * k, truth.begin() + static_cast<size_t>(q) * k + 10, id) > 0;
        }
        recall += hits / 10.0;
    }

    std::sort(latencies.begin(), latencies.end());
    std::printf("hnswlib %s\n", buildNote.c_str());
    std::printf("| entries | index | M | efSearch | recall@10 | p50 ms | p90 ms | anon RSS B/vector |\n|---|---|---|---|---|---|---|---|\n");
    std::printf("| %d | hnswlib (C++, -O3 -march=native) | %d | %d | %.3f | %.3f | %.3f | %.0f |\n", n, m, ef, recall / nq,
                latencies[latencies.size() / 2], latencies[latencies.size() * 9 / 10], (anon1 - anon0) * 1024.0 / n);
    delete index;
    return 0;
}
