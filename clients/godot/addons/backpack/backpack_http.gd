extends Reference
# One HTTP/1.1 call over Godot's HTTPClient, polled once per idle frame so the game keeps running. HTTPRequest of
# Godot 3.2 takes its body as a String; a .glb or a PNG frame is bytes, so the add-on speaks HTTPClient itself.
#
#   var answer = yield(http.call_api(HTTPClient.METHOD_GET, "/api/v1/...", headers, PoolByteArray()), "completed")
#
# The answer is a Dictionary: ok (2xx), status, headers (lower-case names), body (PoolByteArray), json (parsed body
# when it is JSON, else null), error (a sentence when no answer came).

var timeout_msec := 30000

var _tree: SceneTree
var _host := "localhost"
var _port := 80
var _tls := false


func _init(tree: SceneTree, base_url: String):
	_tree = tree
	var url := base_url.strip_edges()
	_tls = url.begins_with("https://")
	url = url.replace("https://", "").replace("http://", "")
	var slash := url.find("/")
	if slash >= 0:
		url = url.substr(0, slash)
	var colon := url.rfind(":")
	if colon >= 0:
		_host = url.substr(0, colon)
		_port = int(url.substr(colon + 1))
	else:
		_host = url
		_port = 443 if _tls else 80


func call_api(method: int, path: String, headers: PoolStringArray, body: PoolByteArray):
	# Always suspends at least once, so that callers can yield on "completed".
	yield(_tree, "idle_frame")
	var started := OS.get_ticks_msec()
	var client := HTTPClient.new()
	var err := client.connect_to_host(_host, _port, _tls)
	if err != OK:
		return _failed("cannot connect to %s:%d (error %d)" % [_host, _port, err])
	while client.get_status() == HTTPClient.STATUS_CONNECTING or client.get_status() == HTTPClient.STATUS_RESOLVING:
		client.poll()
		if OS.get_ticks_msec() - started > timeout_msec:
			return _failed("timed out connecting to %s:%d" % [_host, _port])
		yield(_tree, "idle_frame")
	if client.get_status() != HTTPClient.STATUS_CONNECTED:
		return _failed("cannot connect to %s:%d (status %d)" % [_host, _port, client.get_status()])
	err = client.request_raw(method, path, headers, body)
	if err != OK:
		return _failed("cannot send %s (error %d)" % [path, err])
	while client.get_status() == HTTPClient.STATUS_REQUESTING:
		client.poll()
		if OS.get_ticks_msec() - started > timeout_msec:
			return _failed("timed out sending %s" % path)
		yield(_tree, "idle_frame")
	if not client.has_response():
		return _failed("no answer to %s (status %d)" % [path, client.get_status()])
	var status := client.get_response_code()
	var raw_headers: Dictionary = client.get_response_headers_as_dictionary()
	var response_headers := {}
	for name in raw_headers:
		response_headers[str(name).to_lower()] = raw_headers[name]
	var bytes := PoolByteArray()
	while client.get_status() == HTTPClient.STATUS_BODY:
		client.poll()
		var chunk := client.read_response_body_chunk()
		if chunk.size() == 0:
			if OS.get_ticks_msec() - started > timeout_msec:
				return _failed("timed out reading the answer to %s" % path)
			yield(_tree, "idle_frame")
		else:
			bytes.append_array(chunk)
	client.close()
	var parsed = null
	var type := str(response_headers.get("content-type", ""))
	if bytes.size() > 0 and type.find("json") >= 0:
		var result := JSON.parse(bytes.get_string_from_utf8())
		if result.error == OK:
			parsed = result.result
	return {"ok": status >= 200 and status < 300, "status": status, "headers": response_headers,
			"body": bytes, "json": parsed, "error": ""}


func _failed(why: String) -> Dictionary:
	return {"ok": false, "status": 0, "headers": {}, "body": PoolByteArray(), "json": null, "error": why}
