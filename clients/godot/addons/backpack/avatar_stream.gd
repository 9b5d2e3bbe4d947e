extends Node
# A scene's avatar stream (GET /api/v1/scenes/{id}/avatar-stream, a WebSocket), polled in _process. The token
# goes as the subprotocol pair "backpack.bearer", "<jwt>", as browsers must send it too. The server sends the
# scene's newest poses first, then each keypoints event's poses, and heartbeats when idle; a slow reader gets the
# newest, never a growing backlog. When the connection drops it reconnects (backing off up to max_backoff_sec), and so
# resumes from the newest; a close with code 1008 (the token expired or was refused) is not retried: call open()
# again after setting a fresh token.

signal opened(subprotocol)
signal poses(message)
signal heartbeat(message)
signal closed(code, reason)

const SUBPROTOCOL := "backpack.bearer"
const POLICY_VIOLATION := 1008

var url := ""
var token := ""
var reconnect := true
var max_backoff_sec := 8.0

# The last message's sequence number; a gap means the server dropped older poses for this client.
var last_sequence := 0
var received := 0

var _ws := WebSocketClient.new()
var _backoff := 0.5
var _retry_at := -1
var _close_code := -1
var _close_reason := ""
var _open := false


func _ready():
	_ws.connect("connection_established", self, "_on_established")
	_ws.connect("connection_closed", self, "_on_closed")
	_ws.connect("connection_error", self, "_on_error")
	_ws.connect("server_close_request", self, "_on_close_request")
	_ws.connect("data_received", self, "_on_data")


# Connects (the node must be in the tree: its signals are wired in _ready); an error code, or OK.
func open() -> int:
	reconnect = true
	_close_code = -1
	_retry_at = -1
	return _ws.connect_to_url(url, PoolStringArray([SUBPROTOCOL, token]))


func close(code := 1000, reason := ""):
	reconnect = false
	_ws.disconnect_from_host(code, reason)


func is_open() -> bool:
	return _open


func _process(_delta):
	if _ws.get_connection_status() != NetworkedMultiplayerPeer.CONNECTION_DISCONNECTED:
		_ws.poll()
	elif _retry_at >= 0 and OS.get_ticks_msec() >= _retry_at:
		_retry_at = -1
		_ws.connect_to_url(url, PoolStringArray([SUBPROTOCOL, token]))


func _on_established(protocol: String):
	_open = true
	_backoff = 0.5
	emit_signal("opened", protocol)


func _on_close_request(code: int, reason: String):
	_close_code = code
	_close_reason = reason


func _on_closed(_was_clean := false):
	_ended()


func _on_error():
	_ended()


func _ended():
	_open = false
	emit_signal("closed", _close_code, _close_reason)
	if reconnect and _close_code != POLICY_VIOLATION:
		_retry_at = OS.get_ticks_msec() + int(_backoff * 1000)
		_backoff = min(_backoff * 2, max_backoff_sec)


func _on_data():
	var text := _ws.get_peer(1).get_packet().get_string_from_utf8()
	var parsed := JSON.parse(text)
	if parsed.error != OK or typeof(parsed.result) != TYPE_DICTIONARY:
		push_warning("Backpack avatar stream: not a JSON object: " + text.substr(0, 80))
		return
	var message: Dictionary = parsed.result
	match message.get("type", ""):
		"poses":
			received += 1
			last_sequence = int(message.get("sequence", 0))
			emit_signal("poses", message)
		"heartbeat":
			emit_signal("heartbeat", message)
