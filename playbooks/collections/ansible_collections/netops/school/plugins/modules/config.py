"""Documentation of the netops.school.config action (it runs on the controller)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: config
short_description: Bring a VRP/Comware switch's configuration to a rendered intent
description:
  - Reads C(display current-configuration), works out the lines of O(config) the switch
    lacks (blocks such as C(interface X) are compared child by child), types them in system
    view and saves.
  - C(undo X) lines are typed only while the switch still has C(X).
  - Lines holding one of O(secrets) match the switch's cipher text, so secrets are not
    pushed again on each run; every secret is shown as C(********) in results and diffs.
  - Check mode reports the lines without typing them; C(--diff) shows them.
options:
  config:
    description: The intended configuration, as the switch prints it (children indented).
    type: str
    required: true
  secrets:
    description: Secret values that appear in O(config) (SNMP community, v3 keys).
    type: list
    elements: str
    default: []
  update_secrets:
    description: C(on_create) pushes a secret line only when the switch has none like it;
      C(always) pushes it every run (to rotate a secret).
    type: str
    choices: [on_create, always]
    default: on_create
  save_when:
    description: C(modified) saves when the running configuration differs from the saved
      one; C(changed) when lines were pushed; C(never) does not save.
    type: str
    choices: [modified, changed, never]
    default: modified
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli) and a netops.school
    C(ansible_network_os).
"""

EXAMPLES = r"""
- netops.school.config:
    config: "{{ lookup('template', 'vrp.j2') }}"
    secrets: ["{{ netops_secrets.snmp_community }}"]
"""

RETURN = r"""
commands:
  description: The lines typed (or, in check mode, that would be), secrets masked.
  type: list
  returned: always
saved:
  description: Whether the configuration was saved.
  type: bool
  returned: always
"""
