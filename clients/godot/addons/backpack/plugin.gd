tool
extends EditorPlugin
# Registers the add-on's nodes, so they can be added from the editor's "Add Node" dialog.


func _enter_tree():
	add_custom_type("BackpackClient", "Node", preload("backpack_client.gd"), null)
	add_custom_type("BackpackAvatarDriver", "Node", preload("avatar_driver.gd"), null)


func _exit_tree():
	remove_custom_type("BackpackAvatarDriver")
	remove_custom_type("BackpackClient")
