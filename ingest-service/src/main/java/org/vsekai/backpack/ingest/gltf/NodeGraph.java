package org.vsekai.backpack.ingest.gltf;

import static org.vsekai.backpack.ingest.gltf.Checks.indices;
import static org.vsekai.backpack.ingest.gltf.Checks.refuse;
import static org.vsekai.backpack.ingest.gltf.JsonPointers.child;
import static org.vsekai.backpack.ingest.gltf.JsonPointers.of;

import java.util.Arrays;
import java.util.List;

import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.Node;
import de.javagl.jgltf.impl.v2.Scene;

/**
 * The node hierarchy of a checked glTF: every node has at most one parent (NODE_PARENT_OVERRIDE), no node is its
 * own ancestor (NODE_LOOP), and a scene lists only roots (SCENE_NON_ROOT_NODE), so walking up from any node ends.
 */
public final class NodeGraph {

    private final int[] parents;

    private NodeGraph(int[] parents) {
        this.parents = parents;
    }

    static NodeGraph check(GlTF gltf) {
        List<Node> nodes = gltf.getNodes() == null ? List.of() : gltf.getNodes();
        int[] parents = new int[nodes.size()];
        Arrays.fill(parents, -1);
        for (int i = 0; i < nodes.size(); i++) {
            String children = of("nodes", i, "children");
            List<Integer> childIndices = nodes.get(i).getChildren();
            indices(childIndices, nodes, children, "node");
            for (int c = 0; childIndices != null && c < childIndices.size(); c++) {
                int childIndex = childIndices.get(c);
                if (parents[childIndex] >= 0) {
                    throw refuse("NODE_PARENT_OVERRIDE", child(children, c), "node " + childIndex
                            + " is already a child of node " + parents[childIndex]);
                }
                parents[childIndex] = i;
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            // With one parent each, a loop is a walk up that does not end within nodes.size() steps.
            int steps = 0;
            for (int up = parents[i]; up >= 0; up = parents[up]) {
                if (++steps > nodes.size()) {
                    throw refuse("NODE_LOOP", of("nodes", i), "node " + i + " is part of a node loop");
                }
            }
        }
        List<Scene> scenes = gltf.getScenes() == null ? List.of() : gltf.getScenes();
        for (int s = 0; s < scenes.size(); s++) {
            List<Integer> roots = scenes.get(s).getNodes();
            indices(roots, nodes, of("scenes", s, "nodes"), "node");
            for (int r = 0; roots != null && r < roots.size(); r++) {
                if (parents[roots.get(r)] >= 0) {
                    throw refuse("SCENE_NON_ROOT_NODE", of("scenes", s, "nodes", r), "node " + roots.get(r)
                            + " is not a root node");
                }
            }
        }
        return new NodeGraph(parents);
    }

    /** The node's parent, or -1 for a root. */
    public int parentOf(int node) {
        return parents[node];
    }

    public int size() {
        return parents.length;
    }
}
