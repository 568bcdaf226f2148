"""netops.school.files: write several small files in one step (check mode, --diff)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: files
short_description: Write a set of configuration files at once
description:
  - Writes each file whose content or mode differs, creating missing directories (0755);
    one module run per host instead of one per file (classroom terminals have many).
  - Check mode reports what would change; C(--diff) shows each file's change.
options:
  files:
    description: The files.
    type: list
    elements: dict
    required: true
    suboptions:
      dest: {description: Absolute path., type: path, required: true}
      content: {description: The whole content., type: str, required: true}
      mode: {description: Octal mode., type: str, default: "0644"}
"""

EXAMPLES = r"""
- netops.school.files:
    files:
      - dest: /etc/systemd/timesyncd.conf.d/10-netops.conf
        content: "{{ lookup('ansible.builtin.template', 'timesyncd.j2') }}"
"""

RETURN = r"""
changed_files:
  description: Paths written (or that would be, in check mode).
  type: list
  returned: always
"""


def _current(path):
    file = Path(path)
    if not file.is_file():
        return None, None
    return file.read_text(encoding="utf-8", errors="surrogateescape"), file.stat().st_mode & 0o7777


def _write(module, path, content, mode):
    directory = Path(path).parent
    directory.mkdir(mode=0o755, parents=True, exist_ok=True)
    descriptor, tmp = tempfile.mkstemp(dir=directory, prefix=".netops-")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content)
    Path(tmp).chmod(mode)
    module.atomic_move(tmp, path)
    Path(path).chmod(mode)


def main():
    spec = {
        "dest": {"type": "path", "required": True},
        "content": {"type": "str", "required": True},
        "mode": {"type": "str", "default": "0644"},
    }
    files = {"type": "list", "elements": "dict", "options": spec, "required": True}
    module = AnsibleModule(
        argument_spec={"files": files},
        supports_check_mode=True,
    )
    changed, diffs = [], []
    for item in module.params["files"]:
        path, content, mode = item["dest"], item["content"], int(item["mode"], 8)
        before, before_mode = _current(path)
        if before == content and before_mode == mode:
            continue
        changed.append(path)
        diffs.append(
            {
                "before_header": path if before is not None else "(absent)",
                "after_header": path,
                "before": before or "",
                "after": content,
            }
        )
        if not module.check_mode:
            _write(module, path, content, mode)
    module.exit_json(changed=bool(changed), changed_files=changed, diff=diffs)


if __name__ == "__main__":
    main()
