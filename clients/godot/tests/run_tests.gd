extends SceneTree
# Runs the add-on's tests in a real engine, headless:
#   godot3-server --no-window --path clients/godot -s res://tests/run_tests.gd
# Without BACKPACK_URL only the tests that need no server run. With it (and BACKPACK_TOKEN, BACKPACK_GLB: a .glb
# to upload), the live tests run against that gateway. Prints PASS <test> / FAIL <test>: <why>, then DONE <failures>,
# and exits with the number of failures.

var _runner


func _initialize():
	_runner = preload("res://tests/test_runner.gd").new()
	get_root().add_child(_runner)
	_runner.connect("finished", self, "_on_finished")


func _on_finished(failures: int):
	print("DONE %d" % failures)
	quit(failures)
