package org.vsekai.backpack.pose.skeleton;

/** A 3-vector of the pose's geometry. */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);
    public static final Vec3 X = new Vec3(1, 0, 0);
    public static final Vec3 Y = new Vec3(0, 1, 0);
    public static final Vec3 Z = new Vec3(0, 0, 1);

    public static Vec3 of(double[] xyz) {
        return new Vec3(xyz[0], xyz[1], xyz[2]);
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double f) {
        return new Vec3(x * f, y * f, z * f);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() {
        return Math.sqrt(dot(this));
    }

    /** This vector scaled to unit length; null for a (near) zero vector, which has no direction. */
    public Vec3 unit() {
        double length = length();
        return length > 1e-12 && Double.isFinite(length) ? times(1 / length) : null;
    }

    public Vec3 midpoint(Vec3 o) {
        return new Vec3((x + o.x) / 2, (y + o.y) / 2, (z + o.z) / 2);
    }

    public double distanceTo(Vec3 o) {
        return minus(o).length();
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }
}
