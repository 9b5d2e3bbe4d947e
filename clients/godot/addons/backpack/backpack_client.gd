extends Node
# The Backpack gateway from a Godot game. Every call is a coroutine whose answer is a Dictionary (see
# backpack_http.gd): ok, status, json (the body, parsed), error; a refusal's json is the RFC 9457 problem.
#
#   var backpack = preload("res://addons/backpack/backpack_client.gd").new()
#   add_child(backpack)
#   backpack.base_url = "http://localhost:8080"
#   backpack.login(token)                     # a JWT from the identity provider (locally: ./backpack token <user>)
#   var upload = yield(backpack.upload_glb("res://levels/market.glb"), "completed")
#   var stream = backpack.follow_avatar_stream(upload.json.sceneId)
#   stream.connect("poses", $AvatarDriver, "apply")

const AvatarStream = preload("avatar_stream.gd")
const BackpackHttp = preload("backpack_http.gd")

export var base_url := "http://localhost:8080"
export var timeout_msec := 30000

var token := ""
var user_id := ""


# Signs in with a bearer token: every call carries it. The user id is the token's subject. Returns "" or why the
# token cannot be read (it is verified by the gateway, not here).
func login(bearer_token: String) -> String:
	var parts := bearer_token.split(".")
	if parts.size() != 3:
		return "not a JWT (three dot-separated parts)"
	var claims = JSON.parse(_base64url_text(parts[1]))
	if claims.error != OK or typeof(claims.result) != TYPE_DICTIONARY or not claims.result.has("sub"):
		return "the token's claims have no subject"
	token = bearer_token
	user_id = str(claims.result["sub"])
	return ""


# A scene file (.glb) uploaded: 202 with sceneId, jobId, sha256.
func upload_glb(path: String):
	var file := File.new()
	var err := file.open(path, File.READ)
	if err != OK:
		yield(get_tree(), "idle_frame")
		return {"ok": false, "status": 0, "json": null, "error": "cannot read %s (error %d)" % [path, err]}
	var bytes := file.get_buffer(file.get_len())
	file.close()
	return yield(_call(HTTPClient.METHOD_POST, "/api/v1/scenes", "model/gltf-binary", bytes), "completed")


# One scene: state, cameras, frames and their findings.
func scene(scene_id: String):
	return yield(_call(HTTPClient.METHOD_GET, "/api/v1/scenes/" + scene_id.http_escape(), "", PoolByteArray()),
			"completed")


# Polls the scene until its cameras are known (it is parsed) or timeout_sec pass.
func wait_until_parsed(scene_id: String, timeout_sec := 60.0):
	var deadline := OS.get_ticks_msec() + int(timeout_sec * 1000)
	while true:
		var answer = yield(scene(scene_id), "completed")
		if answer.ok and typeof(answer.json) == TYPE_DICTIONARY and answer.json.get("cameras", []).size() > 0:
			return answer
		if (not answer.ok and answer.status != 0) or OS.get_ticks_msec() > deadline:
			return answer
		yield(get_tree().create_timer(0.5), "timeout")


# A camera frame (a viewport's image, say) as PNG, for the vision models; 202 with its frameId.
func post_frame(scene_id: String, camera: String, image: Image):
	return yield(_call(HTTPClient.METHOD_POST, "/api/v1/scenes/%s/cameras/%s/frames" % [scene_id.http_escape(),
			camera.http_escape()], "image/png", image.save_png_to_buffer()), "completed")


# An ActivityStreams 2.0 interaction of the signed-in user (Like, View, Add, Dislike, ...) with an item.
func post_interaction(type: String, object_id: String):
	var activity := {"@context": "https://www.w3.org/ns/activitystreams", "type": type, "actor": user_id,
			"object": object_id, "published": _now_iso()}
	return yield(_call(HTTPClient.METHOD_POST, "/api/v1/interactions", "application/ld+json",
			to_json(activity).to_utf8()), "completed")


# The signed-in user's recommendations: json.items, each with itemId and score.
func recommendations(limit := 10):
	return yield(_call(HTTPClient.METHOD_GET, "/api/v1/users/%s/recommendations?limit=%d" % [user_id.http_escape(),
			limit], "", PoolByteArray()), "completed")


# Follows a scene's live poses: an AvatarStream node, added as a child and opened; connect to its signals.
func follow_avatar_stream(scene_id: String) -> Node:
	var stream = AvatarStream.new()
	stream.url = _ws_base() + "/api/v1/scenes/" + scene_id.http_escape() + "/avatar-stream"
	stream.token = token
	add_child(stream)
	stream.open()
	return stream


func _call(method: int, path: String, content_type: String, body: PoolByteArray):
	var headers := PoolStringArray(["Accept: application/json"])
	if token != "":
		headers.append("Authorization: Bearer " + token)
	if content_type != "":
		headers.append("Content-Type: " + content_type)
	var http = BackpackHttp.new(get_tree(), base_url)
	http.timeout_msec = timeout_msec
	return yield(http.call_api(method, path, headers, body), "completed")


func _ws_base() -> String:
	var url := base_url.strip_edges().trim_suffix("/")
	if url.begins_with("https://"):
		return "wss://" + url.substr(8)
	return "ws://" + url.replace("http://", "")


static func _base64url_text(part: String) -> String:
	var b64 := part.replace("-", "+").replace("_", "/")
	while b64.length() % 4 != 0:
		b64 += "="
	return Marshalls.base64_to_utf8(b64)


static func _now_iso() -> String:
	var t := OS.get_datetime(true)
	return "%04d-%02d-%02dT%02d:%02d:%02dZ" % [t.year, t.month, t.day, t.hour, t.minute, t.second]
