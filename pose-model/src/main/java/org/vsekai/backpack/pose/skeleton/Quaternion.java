package org.vsekai.backpack.pose.skeleton;

/**
 * A unit quaternion w + xi + yj + zk, a rotation; Hamilton's convention, as glTF and Godot use ({@code q · p}
 * rotates by p first, then q).
 */
public record Quaternion(double w, double x, double y, double z) {

    public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

    /** The rotation by {@code angle} radians about {@code axis} (right-handed). */
    public static Quaternion ofAxisAngle(Vec3 axis, double angle) {
        Vec3 a = axis.unit();
        double s = Math.sin(angle / 2);
        return new Quaternion(Math.cos(angle / 2), a.x() * s, a.y() * s, a.z() * s);
    }

    /**
     * The smallest rotation taking unit vector {@code from} to unit vector {@code to} (about their common
     * perpendicular); for opposite vectors, a half turn about an axis perpendicular to {@code from}.
     */
    public static Quaternion between(Vec3 from, Vec3 to) {
        double d = from.dot(to);
        if (d < -1 + 1e-12) {
            Vec3 axis = from.cross(Vec3.X);
            if (axis.length() < 1e-6) {
                axis = from.cross(Vec3.Y);
            }
            return ofAxisAngle(axis, Math.PI);
        }
        Vec3 c = from.cross(to);
        return new Quaternion(1 + d, c.x(), c.y(), c.z()).normalised();
    }

    /** The rotation whose matrix has these orthonormal columns (the rotated x, y and z axes). */
    public static Quaternion ofAxes(Vec3 xAxis, Vec3 yAxis, Vec3 zAxis) {
        double m00 = xAxis.x(), m10 = xAxis.y(), m20 = xAxis.z();
        double m01 = yAxis.x(), m11 = yAxis.y(), m21 = yAxis.z();
        double m02 = zAxis.x(), m12 = zAxis.y(), m22 = zAxis.z();
        double trace = m00 + m11 + m22;
        Quaternion q;
        // Shepperd's method: divide by the largest of the four candidates, never by a small one.
        if (trace > 0) {
            double s = Math.sqrt(trace + 1) * 2;
            q = new Quaternion(s / 4, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s);
        } else if (m00 > m11 && m00 > m22) {
            double s = Math.sqrt(1 + m00 - m11 - m22) * 2;
            q = new Quaternion((m21 - m12) / s, s / 4, (m01 + m10) / s, (m02 + m20) / s);
        } else if (m11 > m22) {
            double s = Math.sqrt(1 + m11 - m00 - m22) * 2;
            q = new Quaternion((m02 - m20) / s, (m01 + m10) / s, s / 4, (m12 + m21) / s);
        } else {
            double s = Math.sqrt(1 + m22 - m00 - m11) * 2;
            q = new Quaternion((m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, s / 4);
        }
        return q.normalised();
    }

    public Quaternion times(Quaternion o) {
        return new Quaternion(
                w * o.w - x * o.x - y * o.y - z * o.z,
                w * o.x + x * o.w + y * o.z - z * o.y,
                w * o.y - x * o.z + y * o.w + z * o.x,
                w * o.z + x * o.y - y * o.x + z * o.w);
    }

    /** The inverse rotation. */
    public Quaternion inverse() {
        return new Quaternion(w, -x, -y, -z);
    }

    public Vec3 rotate(Vec3 v) {
        Quaternion p = times(new Quaternion(0, v.x(), v.y(), v.z())).times(inverse());
        return new Vec3(p.x, p.y, p.z);
    }

    public Quaternion normalised() {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        return new Quaternion(w / n, x / n, y / n, z / n);
    }

    /** The angle in radians of the rotation taking this one to {@code o} (0 when they are the same rotation). */
    public double angleTo(Quaternion o) {
        // atan2 of the relative rotation's parts, not acos of a dot product: exact near 0, where acos is not.
        Quaternion r = inverse().times(o);
        return 2 * Math.atan2(Math.sqrt(r.x * r.x + r.y * r.y + r.z * r.z), Math.abs(r.w));
    }
}
