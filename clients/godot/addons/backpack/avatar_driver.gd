extends Node
# Drives a Skeleton from the avatar stream's poses. A triangulated-3d pose carries, per humanoid bone (Godot's
# SkeletonProfileHumanoid names: Hips, Spine, Neck, Head, LeftUpperArm, LeftLowerArm, LeftHand, ..., RightFoot), its
# rotation D from the T-pose in model axes (Y up, facing +Z). Bone b of the rig, with rest orientation B in the
# skeleton's space and a parent turned by D_parent, is posed with B^-1 * D_parent^-1 * D * B: so a rig whose rest pose
# is a T-pose is driven whatever its bones' own axes and whatever extra bones (clavicles, chest) it has; a bone the
# pose does not name turns with its parent. A single camera gives 2D poses only (image-plane bone angles): they are
# passed on as planar_pose, and no bone is moved.

signal driven(bones)
signal planar_pose(pose)

# The Skeleton to drive.
export(NodePath) var skeleton_path
# Humanoid bone name -> the rig's bone name, for rigs that name their bones otherwise ("LeftUpperArm": "upperarm_l").
export var bone_map := {}
# Which person of the message drives this rig.
export var person := 0


# Poses the skeleton from one avatar-stream message; returns how many bones the pose named (0 for a 2D-only one).
func apply(message: Dictionary) -> int:
	var pose = _pose_of(message)
	if pose == null:
		return 0
	if not pose.has("globalRotations") or pose.globalRotations == null:
		emit_signal("planar_pose", pose)
		return 0
	var skeleton: Skeleton = get_node(skeleton_path)
	return drive(skeleton, pose.globalRotations)


# Poses skeleton from rotations (humanoid bone -> [x, y, z, w]); returns how many of its bones they named.
func drive(skeleton: Skeleton, rotations: Dictionary) -> int:
	var rig_to_humanoid := {}
	for humanoid in bone_map:
		rig_to_humanoid[bone_map[humanoid]] = humanoid
	var rest_global := []
	var delta := []
	var named := 0
	for i in range(skeleton.get_bone_count()):
		var parent := skeleton.get_bone_parent(i)
		var rest := skeleton.get_bone_rest(i).basis.get_rotation_quat()
		var parent_rest: Quat = rest_global[parent] if parent >= 0 else Quat()
		var parent_delta: Quat = delta[parent] if parent >= 0 else Quat()
		var b: Quat = parent_rest * rest
		rest_global.append(b)
		var name := skeleton.get_bone_name(i)
		var humanoid: String = rig_to_humanoid.get(name, name)
		var d := parent_delta
		if rotations.has(humanoid):
			var q: Array = rotations[humanoid]
			d = Quat(q[0], q[1], q[2], q[3]).normalized()
			named += 1
		delta.append(d)
		var local: Quat = b.inverse() * parent_delta.inverse() * d * b
		skeleton.set_bone_pose(i, Transform(Basis(local), Vector3.ZERO))
	emit_signal("driven", named)
	return named


# This rig's person: their triangulated-3d pose when the message has one, else their 2D pose; null without either.
func _pose_of(message: Dictionary):
	var planar = null
	for pose in message.get("poses", []):
		if int(pose.get("person", 0)) != person:
			continue
		if pose.get("method", "") == "triangulated-3d":
			return pose
		if planar == null:
			planar = pose
	return planar
