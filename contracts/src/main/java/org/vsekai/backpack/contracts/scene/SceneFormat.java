package org.vsekai.backpack.contracts.scene;

/** File formats a scene upload may have. */
public enum SceneFormat {
    GLB, GLTF, TSCN
}
