"""Reference layers of the Rason SEZ: what ships with the plugin and how it is loaded into a project."""
