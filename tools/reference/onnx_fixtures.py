#!/usr/bin/env python3
"""Golden fixtures for @voirs/onnx's reader and external-data tests.

Run from the repository root with Debian's torch:
    /usr/bin/python3 tools/reference/onnx_fixtures.py

Writes into packages/onnx/test/fixtures/:
  torch_tiny.onnx         a tiny generator exported by torch.onnx.export (opset 17, dynamic
                          batch/frames): Conv1d(4,3,3,pad 1) -> LeakyReLU(0.1) ->
                          ConvTranspose1d(3,2,4,stride 2,pad 1) -> Tanh, with metadata props.
  torch_tiny_external.onnx + torch_tiny_external.data
                          the same model saved by onnx.save_model with every initializer in one
                          external file (size_threshold=0).
  torch_tiny_io.json      a fixed input [1, 4, 5] and torch's output [1, 2, 10] for it.
"""
import json
import os

import onnx
import torch

OUT = os.path.join("packages", "onnx", "test", "fixtures")


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(4, 3, 3, padding=1)
        self.up = torch.nn.ConvTranspose1d(3, 2, 4, stride=2, padding=1)

    def forward(self, mel):
        x = torch.nn.functional.leaky_relu(self.conv(mel), 0.1)
        return torch.tanh(self.up(x))


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    model = Tiny().eval()
    mel = torch.linspace(-1.0, 1.0, 20).reshape(1, 4, 5)
    path = os.path.join(OUT, "torch_tiny.onnx")
    torch.onnx.export(
        model, (mel,), path, opset_version=17, input_names=["mel"], output_names=["audio"],
        dynamic_axes={"mel": {0: "batch", 2: "frames"}, "audio": {0: "batch", 2: "samples"}},
    )
    m = onnx.load(path)
    for k, v in {"arch": "tiny", "sample_rate": "22050", "hop": "2"}.items():
        entry = m.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(m, full_check=True)
    onnx.save_model(m, path)
    onnx.save_model(
        m, os.path.join(OUT, "torch_tiny_external.onnx"), save_as_external_data=True,
        all_tensors_to_one_file=True, location="torch_tiny_external.data", size_threshold=0,
    )
    with torch.no_grad():
        audio = model(mel)
    with open(os.path.join(OUT, "torch_tiny_io.json"), "w") as f:
        json.dump({
            "mel": {"dims": list(mel.shape), "data": [float(v) for v in mel.flatten()]},
            "audio": {"dims": list(audio.shape), "data": [float(v) for v in audio.flatten()]},
        }, f)
    print({n.name: list(n.dims) for n in m.graph.initializer}, [n.op_type for n in m.graph.node])


if __name__ == "__main__":
    main()
