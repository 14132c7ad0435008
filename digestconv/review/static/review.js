// The review page: actions go to the server, which answers with the rows that changed.
"use strict";
(function () {
  const body = document.body;
  const token = body.dataset.token;
  const index = body.dataset.index;
  const rows = document.getElementById("rows");
  if (!rows) return;
  let version = Number(body.dataset.version);
  let selectedLine = null;
  let busy = false;

  function url(path, params) {
    const q = new URLSearchParams(Object.assign({ token: token, lang: body.dataset.lang }, params || {}));
    return path + "?" + q.toString();
  }

  function status(text) {
    document.getElementById("status").textContent = text;
  }

  async function post(action, payload) {
    const answer = await fetch(url("/api/page/" + index + "/" + action), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Review-Token": token },
      body: JSON.stringify(Object.assign({ version: version }, payload || {})),
    });
    const data = await answer.json();
    if (!answer.ok) throw new Error(data.error || answer.statusText);
    return data;
  }

  function replaceRows(data) {
    const template = document.createElement("template");
    template.innerHTML = data.html;
    const all = rows.children;
    const remove = data.remove < 0 ? all.length : data.remove;
    const anchor = all[data.start + remove] || null;
    for (let k = 0; k < remove; k++) all[data.start].remove();
    rows.insertBefore(template.content, anchor);
    version = data.version;
    body.dataset.version = String(version);
    document.getElementById("uncertain-count").textContent = data.uncertain;
    document.getElementById("undo").disabled = !data.can_undo;
    document.getElementById("redo").disabled = !data.can_redo;
    document.getElementById("reviewed").checked = data.reviewed;
    const problems = document.getElementById("problems");
    problems.hidden = !data.problems.length;
    refreshPreview();
  }

  async function act(action, payload, focusLine) {
    if (busy) return;
    busy = true;
    const started = performance.now();
    try {
      const data = await post(action, payload);
      body.dataset.lastAnswerMs = String(Math.round(performance.now() - started));
      replaceRows(data);
      if (focusLine) selectBlockAt(focusLine);
      const took = Math.round(performance.now() - started);
      body.dataset.lastActionMs = String(took);
      status("✓ " + took + " ms");
    } catch (err) {
      status("✗ " + err.message);
    } finally {
      busy = false;
    }
  }

  function edit(op, line, extra) {
    return act("edit", Object.assign({ op: op, line: Number(line) }, extra || {}), line);
  }

  function blockAt(line) {
    for (const blk of rows.querySelectorAll(".blk")) {
      if (Number(blk.dataset.first) <= line && line <= Number(blk.dataset.last)) return blk;
    }
    return null;
  }

  function select(blk) {
    for (const old of rows.querySelectorAll(".blk.selected")) old.classList.remove("selected");
    if (!blk) return;
    blk.classList.add("selected");
    blk.focus({ preventScroll: true });
    blk.scrollIntoView({ block: "center" });
    refreshPreview();
  }

  function selectBlockAt(line) {
    select(blockAt(Number(line)));
  }

  function selectLine(ln) {
    for (const old of rows.querySelectorAll(".ln.selected")) old.classList.remove("selected");
    ln.classList.add("selected");
    selectedLine = Number(ln.dataset.line);
    const inBlock = ln.closest(".row").querySelector(".blk") && !ln.classList.contains("blank");
    tools.hidden = !inBlock;
    if (inBlock) ln.appendChild(tools);
    else document.body.appendChild(tools);
  }

  function selectedBlock() {
    return rows.querySelector(".blk.selected");
  }

  function jump(step) {
    const marked = Array.from(rows.querySelectorAll(".blk.uncertain"));
    if (!marked.length) return;
    const current = selectedBlock();
    const at = marked.indexOf(current);
    if (at >= 0) return select(marked[(at + step + marked.length) % marked.length]);
    const top = current ? Number(current.dataset.first) : (step > 0 ? 0 : Infinity);
    const ahead = marked.filter((b) => (step > 0 ? Number(b.dataset.first) > top : Number(b.dataset.first) < top));
    select(step > 0 ? ahead[0] || marked[0] : ahead[ahead.length - 1] || marked[marked.length - 1]);
  }

  // One type menu and one set of line tools for the whole page, moved to where they are wanted:
  // a menu per block would make a long page slow to open.
  const menu = document.getElementById("type-menu");
  const tools = document.getElementById("line-tools");

  function openMenu(button) {
    menu.value = button.dataset.type;
    menu.dataset.line = button.dataset.line;
    button.after(menu);
    menu.hidden = false;
    menu.focus();
  }

  menu.addEventListener("change", () => {
    menu.hidden = true;
    document.body.appendChild(menu);
    edit("type", menu.dataset.line, { type: menu.value });
  });
  menu.addEventListener("blur", () => { menu.hidden = true; });

  rows.addEventListener("click", (event) => {
    const target = event.target.closest("button, select, .ln, .blk");
    if (!target || target === menu) return;
    if (target.classList.contains("join")) edit("join", target.dataset.line);
    else if (target.classList.contains("type")) openMenu(target);
    else if (target.classList.contains("split")) edit("split", selectedLine);
    else if (target.classList.contains("furn")) edit("furniture", selectedLine);
    else if (target.classList.contains("ln")) selectLine(target);
    else if (target.classList.contains("blk")) select(target);
  });

  document.getElementById("next").addEventListener("click", () => jump(1));
  document.getElementById("prev").addEventListener("click", () => jump(-1));
  document.getElementById("undo").addEventListener("click", () => act("undo"));
  document.getElementById("redo").addEventListener("click", () => act("redo"));
  document.getElementById("reviewed").addEventListener("change", (event) =>
    act("reviewed", { value: event.target.checked }));

  document.addEventListener("keydown", (event) => {
    const tag = event.target.tagName;
    if (event.key === "Escape") menu.blur();
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    const key = event.key.toLowerCase();
    const blk = selectedBlock();
    if ((event.ctrlKey || event.metaKey) && key === "z") act(event.shiftKey ? "redo" : "undo");
    else if ((event.ctrlKey || event.metaKey) && key === "y") act("redo");
    else if (event.ctrlKey || event.metaKey || event.altKey) return;
    else if (key === "n") jump(1);
    else if (key === "p") jump(-1);
    else if (key === "j" && blk && blk.querySelector(".join")) edit("join", blk.dataset.first);
    else if (key === "t" && blk) openMenu(blk.querySelector("button.type"));
    else if (key === "s" && selectedLine) edit("split", selectedLine);
    else if (key === "f" && selectedLine) edit("furniture", selectedLine);
    else return;
    event.preventDefault();
  });

  // The preview follows the edits, a moment after the last one.
  const frame = document.getElementById("preview");
  const image = document.getElementById("pdf-image");
  let pending = null;
  function choice() {
    const blk = selectedBlock();
    const picked = { style: document.getElementById("style").value, variant: document.getElementById("variant").value };
    if (blk) picked.line = blk.dataset.first;
    return picked;
  }
  function refreshPreview() {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (!image.hidden) showPdfPage();
      else frame.src = url("/preview/" + index + ".html", Object.assign({ v: version }, choice()));
    }, 300);
  }
  function showPdfPage() {
    image.hidden = false;
    frame.hidden = true;
    image.src = url("/preview/" + index + ".png", Object.assign({ v: version }, choice()));
  }
  document.getElementById("style").addEventListener("change", refreshPreview);
  document.getElementById("variant").addEventListener("change", refreshPreview);
  // The button switches between the HTML page (quick) and the PDF page as printed (a second or two).
  document.getElementById("pdf-page").addEventListener("click", () => {
    if (image.hidden) return showPdfPage();
    image.hidden = true;
    frame.hidden = false;
  });

  document.getElementById("export").addEventListener("click", async () => {
    const box = document.getElementById("export-box");
    const picked = (name) => Array.from(box.querySelectorAll("input[name=" + name + "]:checked"), (i) => i.value);
    const list = document.getElementById("exported");
    list.textContent = "…";
    try {
      const data = await post("export", { formats: picked("format"), variants: picked("variant"),
                                          style: document.getElementById("style").value });
      list.textContent = "";
      for (const path of data.written) {
        const item = document.createElement("li");
        item.textContent = list.dataset.label + " " + path;
        list.appendChild(item);
      }
    } catch (err) {
      list.textContent = "✗ " + err.message;
    }
  });
})();
