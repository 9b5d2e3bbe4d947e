extends Node
# The add-on's tests (see run_tests.gd). Each test is a coroutine; check() records a failure with its reason.

signal finished(failures)

const BackpackClient = preload("res://addons/backpack/backpack_client.gd")
const AvatarDriver = preload("res://addons/backpack/avatar_driver.gd")

var failures := 0
var _current := ""
var _current_failed := false


func _ready():
	call_deferred("_run_all")


func _run_all():
	yield(get_tree(), "idle_frame")
	_start("driver_raises_an_arm_through_a_clavicle_the_pose_does_not_name")
	_test_driver_arm()
	_end()
	_start("driver_turns_unnamed_bones_with_their_parent")
	_test_driver_spine()
	_end()
	_start("driver_picks_its_person_and_leaves_2d_poses_alone")
	_test_driver_person_and_planar()
	_end()
	if OS.get_environment("BACKPACK_URL") != "":
		_start("live_upload_frame_stream_interaction_recommendations")
		yield(_test_live(), "completed")
		_end()
		_start("live_stream_refuses_a_bad_token")
		yield(_test_bad_token(), "completed")
		_end()
	else:
		print("SKIP live tests: BACKPACK_URL is not set")
	emit_signal("finished", failures)


func _start(name: String):
	_current = name
	_current_failed = false


func _end():
	if _current_failed:
		failures += 1
	else:
		print("PASS " + _current)


func check(condition: bool, why: String) -> bool:
	if not condition:
		print("FAIL %s: %s" % [_current, why])
		_current_failed = true
	return condition


func near(a: Vector3, b: Vector3, why: String) -> bool:
	return check(a.distance_to(b) < 1e-4, "%s: %s, expected %s" % [why, str(a), str(b)])


# A rig in T-pose whose arm hangs from a clavicle (as Godot's and VRM's do), its bones' Y axes along the bones.
func _rig() -> Skeleton:
	var skeleton := Skeleton.new()
	skeleton.add_bone("Hips")
	skeleton.set_bone_rest(0, Transform(Basis(), Vector3(0, 1, 0)))
	skeleton.add_bone("Spine")
	skeleton.set_bone_parent(1, 0)
	skeleton.set_bone_rest(1, Transform(Basis(), Vector3(0, 0.2, 0)))
	skeleton.add_bone("Neck")
	skeleton.set_bone_parent(2, 1)
	skeleton.set_bone_rest(2, Transform(Basis(), Vector3(0, 0.25, 0)))
	skeleton.add_bone("clavicle_l")
	skeleton.set_bone_parent(3, 2)
	skeleton.set_bone_rest(3, Transform(Basis(Vector3(0, 0, 1), -PI / 2), Vector3(0.05, 0, 0)))
	skeleton.add_bone("upperarm_l")
	skeleton.set_bone_parent(4, 3)
	skeleton.set_bone_rest(4, Transform(Basis(), Vector3(0, 0.14, 0)))
	skeleton.add_bone("lowerarm_l")
	skeleton.set_bone_parent(5, 4)
	skeleton.set_bone_rest(5, Transform(Basis(), Vector3(0, 0.29, 0)))
	add_child(skeleton)
	return skeleton


func _driver(skeleton: Skeleton) -> Node:
	var driver = AvatarDriver.new()
	driver.bone_map = {"LeftUpperArm": "upperarm_l", "LeftLowerArm": "lowerarm_l"}
	add_child(driver)
	driver.skeleton_path = driver.get_path_to(skeleton)
	return driver


static func _q(axis: Vector3, angle: float) -> Array:
	var q := Quat(axis, angle)
	return [q.x, q.y, q.z, q.w]


func _message(poses: Array) -> Dictionary:
	return {"type": "poses", "sequence": 1, "poses": poses}


func _test_driver_arm():
	var skeleton := _rig()
	near(skeleton.get_bone_global_pose(5).origin, Vector3(0.48, 1.45, 0), "rest elbow")
	var driver = _driver(skeleton)
	var raised := _q(Vector3(0, 0, 1), PI / 2)
	var named = driver.apply(_message([{"method": "triangulated-3d", "person": 0,
			"globalRotations": {"Hips": _q(Vector3.UP, 0), "LeftUpperArm": raised}}]))
	check(named == 2, "named bones: %d" % named)
	near(skeleton.get_bone_global_pose(4).origin, Vector3(0.19, 1.45, 0), "shoulder stays")
	near(skeleton.get_bone_global_pose(5).origin, Vector3(0.19, 1.74, 0), "elbow raised above the shoulder")
	near(skeleton.get_bone_global_pose(3).origin, Vector3(0.05, 1.45, 0), "clavicle stays")


func _test_driver_spine():
	var skeleton := _rig()
	var driver = _driver(skeleton)
	driver.apply(_message([{"method": "triangulated-3d", "person": 0,
			"globalRotations": {"Spine": _q(Vector3.UP, PI / 6)}}]))
	var expected := Vector3(0, 1.2, 0) + Basis(Vector3.UP, PI / 6).xform(Vector3(0.48, 0.25, 0))
	near(skeleton.get_bone_global_pose(5).origin, expected, "elbow turned with the spine")
	near(skeleton.get_bone_global_pose(1).origin, Vector3(0, 1.2, 0), "spine stays")


func _test_driver_person_and_planar():
	var skeleton := _rig()
	var driver = _driver(skeleton)
	driver.person = 1
	driver.apply(_message([
			{"method": "triangulated-3d", "person": 0, "globalRotations": {"Spine": _q(Vector3.UP, PI / 2)}},
			{"method": "triangulated-3d", "person": 1, "globalRotations": {"LeftUpperArm": _q(Vector3(0, 0, 1), PI / 2)}}]))
	near(skeleton.get_bone_global_pose(5).origin, Vector3(0.19, 1.74, 0), "person 1's raised arm, not person 0's turn")
	var planar := []
	driver.connect("planar_pose", self, "_collect", [planar])
	var moved = driver.apply(_message([{"method": "single-camera-2d", "person": 1, "boneAngles": {"LEFT_ELBOW": 1.0}}]))
	check(moved == 0, "a 2D pose moved %d bones" % moved)
	check(planar.size() == 1 and planar[0].boneAngles.has("LEFT_ELBOW"), "planar_pose: %s" % str(planar))
	near(skeleton.get_bone_global_pose(5).origin, Vector3(0.19, 1.74, 0), "the 2D pose left the rig as it was")


func _collect(value, into: Array):
	into.append(value)


func _wait(condition_owner: Object, condition: String, timeout_sec: float):
	yield(get_tree(), "idle_frame")
	var deadline := OS.get_ticks_msec() + int(timeout_sec * 1000)
	while not condition_owner.call(condition) and OS.get_ticks_msec() < deadline:
		yield(get_tree().create_timer(0.1), "timeout")
	return condition_owner.call(condition)


var _live_messages := []
var _opened := []
var _closed := []


func _has_frame_message() -> bool:
	return _frame_message() != null


var _frame_id := ""


func _frame_message():
	for message in _live_messages:
		if message.get("frameId", "") == _frame_id:
			return message
	return null


func _has_opened() -> bool:
	return _opened.size() > 0


func _has_closed() -> bool:
	return _closed.size() > 0


func _has_live_message() -> bool:
	return _live_messages.size() > 0


func _client() -> Node:
	var client = BackpackClient.new()
	client.base_url = OS.get_environment("BACKPACK_URL")
	add_child(client)
	return client


func _test_live():
	yield(get_tree(), "idle_frame")
	var client = _client()
	check(client.login("not-a-token") != "", "a string that is no JWT was taken")
	var login_error = client.login(OS.get_environment("BACKPACK_TOKEN"))
	if not check(login_error == "", "login: " + login_error):
		return
	var upload = yield(client.upload_glb(OS.get_environment("BACKPACK_GLB")), "completed")
	if not check(upload.status == 202, "upload: %d %s %s" % [upload.status, upload.error, str(upload.json)]):
		return
	var scene_id: String = upload.json.sceneId
	print("scene " + scene_id)
	var parsed = yield(client.wait_until_parsed(scene_id, 60), "completed")
	if not check(parsed.ok and parsed.json.cameras.size() > 0, "parsed: %d %s" % [parsed.status, str(parsed.json)]):
		return
	var camera: String = parsed.json.cameras[0].id

	_live_messages.clear()
	_opened.clear()
	var stream = client.follow_avatar_stream(scene_id)
	stream.connect("opened", self, "_collect", [_opened])
	stream.connect("poses", self, "_collect", [_live_messages])
	if not check(yield(_wait(self, "_has_opened", 20), "completed"), "the avatar stream did not open"):
		return
	check(_opened[0] == "backpack.bearer", "subprotocol: " + str(_opened[0]))

	# A white frame, as a viewport would give one: the suite's vision models find two bodies in it.
	var image := Image.new()
	image.create(320, 240, false, Image.FORMAT_RGB8)
	image.fill(Color(1, 1, 1))
	var frame = yield(client.post_frame(scene_id, camera, image), "completed")
	if not check(frame.status == 202, "frame: %d %s" % [frame.status, str(frame.json)]):
		return
	_frame_id = frame.json.frameId
	if not check(yield(_wait(self, "_has_frame_message", 90), "completed"), "no poses of frame " + _frame_id):
		return
	var message = _frame_message()
	check(message.poses.size() == 2, "poses: %s" % str(message.poses))
	check(message.poses[0].method == "single-camera-2d", "method: " + str(message.poses[0].method))
	var skeleton := _rig()
	var driver = _driver(skeleton)
	var planar := []
	driver.connect("planar_pose", self, "_collect", [planar])
	check(driver.apply(message) == 0 and planar.size() == 1, "a one-camera pose drove bones")
	var sequence = int(message.sequence)
	stream.close()

	# Reconnected, the stream starts from the scene's newest message: the same one.
	_live_messages.clear()
	var again = client.follow_avatar_stream(scene_id)
	again.connect("poses", self, "_collect", [_live_messages])
	if check(yield(_wait(self, "_has_live_message", 20), "completed"), "nothing after reconnecting"):
		check(int(_live_messages[0].sequence) == sequence and _live_messages[0].frameId == _frame_id,
				"resumed from %s, not the newest %d" % [str(_live_messages[0].get("sequence")), sequence])
	again.close()

	var liked = yield(client.post_interaction("Like", scene_id), "completed")
	check(liked.status == 202, "interaction: %d %s" % [liked.status, str(liked.json)])
	var recommended = yield(client.recommendations(5), "completed")
	check(recommended.status == 200 and typeof(recommended.json.get("items")) == TYPE_ARRAY,
			"recommendations: %d %s" % [recommended.status, str(recommended.json)])
	var nobody = yield(client.scene("00000000-0000-4000-8000-000000000000"), "completed")
	check(nobody.status == 404 and str(nobody.json.get("type", "")).find("problems/") >= 0,
			"an unknown scene: %d %s" % [nobody.status, str(nobody.json)])


func _test_bad_token():
	yield(get_tree(), "idle_frame")
	var client = _client()
	client.token = "e30.e30.e30"
	_opened.clear()
	_closed.clear()
	var stream = client.follow_avatar_stream("00000000-0000-4000-8000-000000000000")
	stream.reconnect = false
	stream.connect("opened", self, "_collect", [_opened])
	stream.connect("closed", self, "_collect2", [_closed])
	check(yield(_wait(self, "_has_closed", 20), "completed"), "a refused stream did not report its end")
	check(_opened.empty(), "a stream with a bad token opened")
	stream.close()


func _collect2(_a, _b, into: Array):
	into.append(true)
