// facereel expression editor: sliders re-render the still on the server (GET /api/editor/{id}/image), one
// request at a time and always the latest values; keyframes collect here and become a clip job.
"use strict";

const $ = (selector) => document.querySelector(selector);
let sourceId = null;
let portraitFile = null; // the uploaded File, sent again with the clip job (null: the demo portrait)
let loading = false;
let pending = false;
const keyframes = [];

function showError(message) {
  $("#edit-error").textContent = message || "";
  $("#edit-error").hidden = !message;
}

async function detail(response) {
  try {
    return (await response.json()).detail || response.statusText;
  } catch {
    return response.statusText;
  }
}

function values() {
  const out = {};
  for (const input of document.querySelectorAll("#sliders input[type=range]")) out[input.name] = Number(input.value);
  return out;
}

function query(extra = {}) {
  const v = values();
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(v)) if (!name.startsWith("gaze")) params.set(name, value);
  params.set("gaze", `${v.gaze_x},${v.gaze_y}`);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

function render() {
  if (sourceId === null) return;
  if (loading) { pending = true; return; }
  loading = true;
  pending = false;
  const q = query();
  const url = `/api/editor/${sourceId}/image?${q}`;
  const image = new Image();
  image.onload = async () => {
    $("#preview").src = image.src;
    $("#preview").hidden = false;
    const note = await fetch(`/api/editor/${sourceId}/note?${q}`).then((r) => r.json()).catch(() => ({ note: "" }));
    $("#edit-note").textContent = note.note || "";
    $("#edit-note").hidden = !note.note;
    $("#preview").dataset.rendered = q;
    showError("");
    done();
  };
  image.onerror = async () => {
    const response = await fetch(url).catch(() => null);
    showError(response ? await detail(response) : "Lost contact with the server: is `facereel app` still running?");
    done();
  };
  image.src = url;
  $("#save").href = `/api/editor/${sourceId}/image?${query({ format: "png", download: 1 })}`;
}

function done() {
  loading = false;
  if (pending) render();
}

function addSlider(spec) {
  const row = document.createElement("label");
  const shown = document.createElement("output");
  const input = Object.assign(document.createElement("input"), {
    type: "range", name: spec.name, id: `slider-${spec.name}`, min: spec.min, max: spec.max, value: 0,
    step: Math.abs(spec.max) > 5 ? 1 : 0.05, title: spec.help,
  });
  shown.textContent = "0";
  input.addEventListener("input", () => { shown.textContent = input.value; render(); });
  row.append(`${spec.name.replace("_", " ")} `, shown, input);
  $("#sliders").append(row);
}

async function setSource(body, name, file) {
  showError("");
  $("#portrait-name").textContent = `Setting up ${name}…`;
  const response = await fetch("/api/editor/sources", { method: "POST", body, headers: await csrfHeaders() });
  if (!response.ok) {
    $("#portrait-name").textContent = "No portrait chosen.";
    showError(await detail(response));
    return;
  }
  const source = await response.json();
  sourceId = source.id;
  portraitFile = file;
  $("#portrait-name").textContent = `${source.name} (${source.width}×${source.height})`;
  $("#slider-set").disabled = $("#keyframe-set").disabled = false;
  $("#save").hidden = false;
  render();
}

let csrfToken = null;
async function csrfHeaders() {
  if (csrfToken === null) csrfToken = (await (await fetch("/api/session")).json()).csrf;
  return { "X-CSRF-Token": csrfToken };
}

function showKeyframes() {
  $("#keyframes").replaceChildren(...keyframes.map((key) => {
    const item = document.createElement("li");
    const moved = Object.entries(key).filter(([name, value]) => name !== "time" && value !== 0 && value !== "0,0");
    item.textContent = `${key.time} s: ${moved.map(([n, v]) => `${n} ${v}`).join(", ") || "as it is"}`;
    return item;
  }));
  $("#make-clip").disabled = keyframes.length === 0;
}

function addKeyframe() {
  const time = Number($("#key-time").value);
  const last = keyframes.length ? keyframes[keyframes.length - 1].time : 0;
  if (!(time > last)) {
    showError(`A keyframe's time must be after ${last} s.`);
    return;
  }
  const v = values();
  const key = { time };
  for (const [name, value] of Object.entries(v)) if (!name.startsWith("gaze")) key[name] = value;
  key.gaze = `${v.gaze_x},${v.gaze_y}`;
  keyframes.push(key);
  $("#key-time").value = (time + 1).toFixed(1);
  showError("");
  showKeyframes();
}

async function makeClip() {
  const data = new FormData();
  if (portraitFile) data.append("portrait", portraitFile);
  else data.append("portrait_demo", "1");
  data.append("driving_kind", "keyframes");
  data.append("keyframes", JSON.stringify({ fps: 25, keyframes }));
  data.append("engine", "mesh");
  const response = await fetch("/api/jobs", { method: "POST", body: data, headers: await csrfHeaders() });
  if (!response.ok) {
    showError(await detail(response));
    return;
  }
  const job = await response.json();
  $("#clip-note").textContent = `Clip job ${job.id} queued: follow it on the main page.`;
  $("#clip-note").dataset.job = job.id;
}

async function start() {
  const specs = await (await fetch("/api/editor/sliders")).json();
  specs.forEach(addSlider);
  $("#use-demo").addEventListener("click", () => {
    const body = new FormData();
    body.append("portrait_demo", "1");
    setSource(body, "astronaut.png", null);
  });
  $("#portrait").addEventListener("change", () => {
    const file = $("#portrait").files[0];
    if (!file) return;
    const body = new FormData();
    body.append("portrait", file);
    setSource(body, file.name, file);
  });
  $("#reset").addEventListener("click", () => {
    for (const input of document.querySelectorAll("#sliders input[type=range]")) {
      input.value = 0;
      input.previousSibling.textContent = "0";
    }
    render();
  });
  $("#add-key").addEventListener("click", addKeyframe);
  $("#make-clip").addEventListener("click", makeClip);
  document.body.dataset.ready = "1";
}

start();
