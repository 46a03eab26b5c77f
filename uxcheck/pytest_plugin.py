"""pytest plugin for uxcheck (the `uxcheck` fixture); see uxcheck/pytest_plugin.py once built."""
