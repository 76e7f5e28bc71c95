#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Prints a text-format ONNX model whose If nodes nest DEPTH subgraphs deep
# (the innermost branch yields the graph input `x`), for the nesting-limit
# test: python3 nested_ifs.py DEPTH > model.onnxtxt

import sys


def branch(first, depth):
    """Returns the `g { ... }` of the If nest from level `first` to `depth`."""
    graph = 'g { name: "leaf" output { name: "x" } }'
    for level in range(depth - 1, first - 1, -1):
        graph = (
            'g { name: "level%d" node { op_type: "If" input: "cond" output: "y%d" '
            'attribute { name: "then_branch" type: GRAPH %s } '
            'attribute { name: "else_branch" type: GRAPH '
            'g { name: "else%d" output { name: "x" } } } } '
            'output { name: "y%d" } }' % (level, level, graph, level, level)
        )
    return graph


def main():
    depth = int(sys.argv[1])
    print("ir_version: 8")
    print("opset_import { version: 17 }")
    print("graph {")
    print('  name: "nested"')
    print('  node { name: "outer" op_type: "If" input: "cond" output: "y"')
    print('    attribute { name: "then_branch" type: GRAPH %s }' % branch(1, depth))
    print('    attribute { name: "else_branch" type: GRAPH g { name: "e" output { name: "x" } } }')
    print("  }")
    print('  input { name: "cond" type { tensor_type { elem_type: 9 shape { } } } }')
    print('  input { name: "x" type { tensor_type { elem_type: 1 shape { } } } }')
    print('  output { name: "y" }')
    print("}")


if __name__ == "__main__":
    main()
