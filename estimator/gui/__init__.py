"""The Qt workstation: thin views over the services (never a Session here)."""
