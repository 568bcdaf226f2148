"""Provisioning: Ansible pushes the inventory's intent (ansible-runner); verify reads it back."""
