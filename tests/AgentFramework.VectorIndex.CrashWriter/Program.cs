// Usage: CrashWriter <directory> <durable|fast> <first-index>
// Writes entry e{i} (vector and scope derived from i, see CrashWorkload) for i = first-index, first-index + 1, …;
// every 10th step also deletes e{i-5}. Prints "U i" after an upsert returns and "D j" after a delete
// returns — an acknowledgement the parent test holds the index to after it kills this process.
using AgentFramework.VectorIndex;
using AgentFramework.VectorIndex.CrashWriter;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: CrashWriter <directory> <durable|fast> <first-index>");
    return 2;
}

var durability = args[1] == "fast" ? VectorIndexDurability.Fast : VectorIndexDurability.Durable;
var first = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var stdout = Console.Out;
await using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions
{
    Dimensions = CrashWorkload.Dimensions,
    Directory = args[0],
    Durability = durability,
    CompactionLogBytes = 1 << 16, // compact every couple of hundred writes, so kills land inside compactions too
});
stdout.WriteLine("READY");
stdout.Flush();
for (var i = first; ; i++)
{
    await index.UpsertAsync(CrashWorkload.Entry(i));
    stdout.WriteLine($"U {i}");
    if (CrashWorkload.DeletesAt(i, out var victim))
    {
        await index.DeleteAsync(CrashWorkload.Id(victim));
        stdout.WriteLine($"D {victim}");
    }

    stdout.Flush();
}
