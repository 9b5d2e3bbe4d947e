#!/usr/bin/python3
"""Writes the tiny decoder-only text model and its BPE tokenizer the generation tests load
(src/test/resources/models/tiny-decoder.onnx, tiny-decoder.tokenizer.json).

The model has the signature of a decoder exported by Hugging Face optimum with its KV cache ("text-generation-with-
past", one file): inputs input_ids int64 [B,S], attention_mask int64 [B,P+S], position_ids int64 [B,S],
past_key_values.{0,1}.key/value float32 [B,1,P,2]; outputs logits float32 [B,S,V], present.{0,1}.key/value float32
[B,1,P+S,2]; at the first step the past is empty (P = 0). It has no weights: the cache is where it keeps the context.

  - Each new position appends (id, 1) to layer 0's key and value and (2 id, 2) to layer 1's.
  - At position t it reads the sum of the ids so far as layer 1's key minus layer 0's (cumulated over the cache),
    the count of positions as layer 1's value minus layer 0's, and adds the attention mask's cumulated sum and the
    position id: target = sum(ids) + sum(mask) - count + position + 1, which is sum(ids) + length when the cache,
    mask and positions are what they should be.
  - logits[v] = -((v - target) mod V): the target scores 0, the next id -1, and so on round the vocabulary, so greedy
    decoding picks the target and sampling has a known distribution.

So the next token is f(context) = (sum of the context's ids + its length) mod V, V = 37, and only a right cache gives
it: a cache of another context, of the wrong length, or with the layers swapped gives another token. After the first
generated token x, the next is 2x + 1 mod 37 (37 is prime and 2 a primitive root: every id but 36 comes round).

The tokenizer is a byte-level BPE (GPT-2's pre-tokenizer and decoder) of 37 ids: the specials <|eos|>, <think>,
</think> (0-2), a-z (3-28), the space as byte-level "Ġ" (29), ".", merges "th", "the", "in", "er", "Ġt", and ",".

Run with Debian's python3 and its python3-onnx, from anywhere:

    /usr/bin/python3 vision-service/src/test/python/make_tiny_decoder.py

The output is deterministic. The function is repeated in the Java tests (TinyDecoder), which assert against it.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models"))
OPSET = 13
VOCAB = 37
LAYERS = 2
HEAD_DIM = 2


def const(name, array):
    return helper.make_node("Constant", [], [name], name=name,
                            value=numpy_helper.from_array(np.asarray(array), name + "_value"))


def save(graph, file_name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="backpack make_tiny_decoder.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = os.path.join(OUT, file_name)
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    print(path, os.path.getsize(path), "bytes")


def channel(cache, index, out):
    """[B,1,T,2] -> [B,T], the channel given."""
    return [
        const(out + "_index", np.array(index, dtype=np.int64)),
        helper.make_node("Gather", [cache, out + "_index"], [out + "_bht"], axis=3),
        const(out + "_heads", np.array([1], dtype=np.int64)),
        helper.make_node("Squeeze", [out + "_bht", out + "_heads"], [out]),
    ]


def tiny_decoder():
    nodes = [
        helper.make_node("Cast", ["input_ids"], ["ids"], to=TensorProto.FLOAT),
        const("new_axes", np.array([1, 3], dtype=np.int64)),
        helper.make_node("Unsqueeze", ["ids", "new_axes"], ["ids_column"]),          # [B,1,S,1]
        helper.make_node("Shape", ["ids_column"], ["column_shape"]),
        helper.make_node("ConstantOfShape", ["column_shape"], ["ones"],
                         value=numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one_value")),
        helper.make_node("Concat", ["ids_column", "ones"], ["new_0"], axis=3),        # [B,1,S,2] (id, 1)
        const("two", np.array(2.0, dtype=np.float32)),
        helper.make_node("Mul", ["new_0", "two"], ["new_1"]),                         # (2 id, 2)
    ]
    for layer, new in ((0, "new_0"), (1, "new_1")):
        for part in ("key", "value"):
            nodes.append(helper.make_node("Concat", ["past_key_values.%d.%s" % (layer, part), new],
                                          ["present.%d.%s" % (layer, part)], axis=2))
    nodes += channel("present.0.key", 0, "k0")
    nodes += channel("present.1.key", 0, "k1")
    nodes += channel("present.0.value", 1, "v0")
    nodes += channel("present.1.value", 1, "v1")
    nodes += [
        const("time", np.array(1, dtype=np.int64)),
        helper.make_node("Sub", ["k1", "k0"], ["id_at"]),
        helper.make_node("CumSum", ["id_at", "time"], ["sum_ids"]),                 # [B,T]
        helper.make_node("Sub", ["v1", "v0"], ["one_at"]),
        helper.make_node("CumSum", ["one_at", "time"], ["count"]),
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("CumSum", ["mask", "time"], ["masked"]),
        helper.make_node("Add", ["sum_ids", "masked"], ["partial"]),
        helper.make_node("Sub", ["partial", "count"], ["context_sum"]),             # [B,T]
        # The last S positions are this call's.
        helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
        const("one_start", np.array([1], dtype=np.int64)),
        const("one_end", np.array([2], dtype=np.int64)),
        helper.make_node("Slice", ["ids_shape", "one_start", "one_end"], ["new_length"]),
        helper.make_node("Neg", ["new_length"], ["from_end"]),
        const("far", np.array([1 << 40], dtype=np.int64)),
        const("time_axis", np.array([1], dtype=np.int64)),
        helper.make_node("Slice", ["context_sum", "from_end", "far", "time_axis"], ["own_sum"]),   # [B,S]
        helper.make_node("Cast", ["position_ids"], ["positions"], to=TensorProto.FLOAT),
        helper.make_node("Add", ["own_sum", "positions"], ["shifted"]),
        const("one", np.array(1.0, dtype=np.float32)),
        helper.make_node("Add", ["shifted", "one"], ["target_f"]),
        helper.make_node("Cast", ["target_f"], ["target"], to=TensorProto.INT64),
        const("vocab_axis", np.array([2], dtype=np.int64)),
        helper.make_node("Unsqueeze", ["target", "vocab_axis"], ["target_column"]),  # [B,S,1]
        const("vocabulary", np.arange(VOCAB, dtype=np.int64).reshape(1, 1, VOCAB)),
        helper.make_node("Sub", ["vocabulary", "target_column"], ["offset"]),
        const("size", np.array(VOCAB, dtype=np.int64)),
        helper.make_node("Mod", ["offset", "size"], ["distance"], fmod=0),          # sign of the divisor: >= 0
        helper.make_node("Cast", ["distance"], ["distance_f"], to=TensorProto.FLOAT),
        helper.make_node("Neg", ["distance_f"], ["logits"]),
    ]
    past = [helper.make_tensor_value_info("past_key_values.%d.%s" % (layer, part), TensorProto.FLOAT,
                                          ["batch", 1, "past", HEAD_DIM])
            for layer in range(LAYERS) for part in ("key", "value")]
    present = [helper.make_tensor_value_info("present.%d.%s" % (layer, part), TensorProto.FLOAT,
                                             ["batch", 1, "total", HEAD_DIM])
               for layer in range(LAYERS) for part in ("key", "value")]
    graph = helper.make_graph(
        nodes, "tiny-decoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "total"]),
         helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch", "sequence"])] + past,
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "sequence", VOCAB])] + present)
    save(graph, "tiny-decoder.onnx")


def tiny_tokenizer():
    specials = ["<|eos|>", "<think>", "</think>"]
    pieces = [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["\u0120", ".", "th", "the", "in", "er",
                                                                  "\u0120t", ","]
    vocab = {token: i for i, token in enumerate(specials + pieces)}
    assert len(vocab) == VOCAB, len(vocab)
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": i, "content": token, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, token in enumerate(specials)],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                  "merges": ["t h", "th e", "i n", "e r", "\u0120 t"]},
    }
    path = os.path.join(OUT, "tiny-decoder.tokenizer.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    tiny_decoder()
    tiny_tokenizer()
