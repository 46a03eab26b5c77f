"""Writes hostile-results.json: the fixture results with script and markup injected everywhere the
audited site (or a flow file) controls a value. Run once; the JSON is committed."""
import copy
import json
from pathlib import Path

HERE = Path(__file__).parent
PWN = "window.__pwned=1"

results = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
hostile = copy.deepcopy(results)
run = hostile["runs"][0]
run["flow"] = f'<script>{PWN}</script>flow"><svg onload="{PWN}">'
run["device_info"]["name"] = f'<img src=x onerror="{PWN}">'
step = run["steps"][0]
step["name"] = f'<img src=x onerror="{PWN}">open'
step["url"] = f"javascript:{PWN}//"
step["title"] = f"</title><script>{PWN}</script>Statement"
step["blocked_requests"] = [{"method": "<b>POST</b>", "url": f"javascript:{PWN}"}]
f0 = step["findings"][0]
f0["message"] = f'Table cell "<td onmouseover={PWN}>" and <script>{PWN}</script> total'
f0["selector"] = 'a[href="javascript:alert(1)"]'
f0["html"] = f'<a href="javascript:{PWN}" onclick="{PWN}">Pay</a><script>{PWN}</script>'
f0["evidence"] = {"cell": f"<td onmouseover={PWN}>", "link_text": f'"><svg onload={PWN}>',
                  "items": [f"<iframe src=javascript:{PWN}>"], "sum": "<b>1</b>", "total": "2"}
f0["fingerprint"] = f'"><script>{PWN}</script>'
f0["rule"] = f'x"><script>{PWN}</script>'
f0["category"] = "<style>body{display:none}</style>"
f0["severity"] = f'serious" onmouseover="{PWN}'
f0["crop"] = "http://evil.test/x.png"
step["findings"][1]["crop"] = {"path": "../../etc/passwd", "x": 0, "y": 0, "width": 10, "height": 10}
step["screenshot"] = "shots/desktop.jpg"
run["steps"][1]["url"] = f'http://127.0.0.1:9/"><script>{PWN}</script>'
run["steps"][1]["screenshot"] = f"javascript:{PWN}"
mobile = hostile["runs"][1]
mobile["flow"] = run["flow"]
mobile["steps"][1]["error"] = f"<script>{PWN}</script> timed out"
mobile["steps"][0]["screenshot"] = "../../../../etc/passwd"
hostile["tool"]["version"] = f"<script>{PWN}</script>"
(HERE / "hostile-results.json").write_text(json.dumps(hostile, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

# The site's strings each report must show literally (as text, never as markup).
literals = [run["flow"], step["name"], step["title"], f0["message"], f0["html"].split("<script>")[0],
            f0["evidence"]["link_text"], mobile["steps"][1]["error"]]
(HERE / "hostile-literals.json").write_text(json.dumps(literals, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
