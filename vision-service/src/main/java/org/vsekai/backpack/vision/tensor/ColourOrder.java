package org.vsekai.backpack.vision.tensor;

/** The order of the colour channels in the tensor. */
public enum ColourOrder {
    RGB, BGR
}
