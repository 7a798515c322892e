// facereel app page: fills the form from /api/choices, shows the portrait's faces as numbered boxes
// (POST /api/faces) for per-face drivers, submits jobs, lists every job (GET /api/jobs, polled) with its
// progress, result, Cancel and Delete.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const POLL_MS = 500; // the job list, while a job is queued or running
const IDLE_POLL_MS = 3000; // the job list otherwise (jobs started from another tab show up too)
const ACTIVE = ["queued", "running"];
const LOST = "Lost contact with the server: is `facereel app` still running?";
const ACCEPT = { video: "video/*,.mp4,.mov,.webm,.mkv,.avi", template: ".npz", photo: "image/*", keyframes: ".json" };
const DRIVING_LABEL = { video: "Video file", template: "Motion template (.npz)", photo: "Photo (the expression)",
  keyframes: "Keyframes (.json from the expression editor)" };
const NO_DRIVER = "";  // a face's choice: no driver (it stays still)
const FILE_DRIVER = "file";  // a face's choice: upload its video, template (.npz) or keyframes (.json)
let maxUpload = Infinity;
let presets = [];
let faceCount = 0;  // faces of the chosen portrait image (0: none found yet)

function option(select, value, selected) {
  const item = document.createElement("option");
  item.value = item.textContent = value;
  item.selected = value === selected;
  select.append(item);
}

async function loadChoices() {
  const choices = await (await fetch("/api/choices")).json();
  maxUpload = choices.max_upload_bytes;
  presets = choices.presets;
  choices.presets.forEach((name) => option($("#preset"), name, "talk"));
  choices.engines.forEach((name) => option($("#engine"), name, "auto"));
  option($("#weights"), "", "");
  $("#weights").options[0].textContent = choices.weights.length ? "none" : "none (start the app with --weights-dir)";
  choices.weights.forEach((name) => option($("#weights"), name, ""));
  for (const region of choices.regions) {
    const label = document.createElement("label");
    const box = Object.assign(document.createElement("input"), { type: "checkbox", name: "regions", value: region });
    box.checked = choices.default_regions.includes(region);
    label.append(box, " " + region);
    $("#regions").append(label);
  }
}

function drivingKind() {
  return $("input[name=driving_kind]:checked").value;
}

function showDriving() {
  const kind = drivingKind();
  $("#preset-row").hidden = kind !== "preset";
  $("#driving-row").hidden = kind === "preset" || kind === "faces";
  $("#face-rows").hidden = kind !== "faces";
  $("#driving-label").textContent = DRIVING_LABEL[kind] || "";
  $("#photo-rows").hidden = kind !== "photo";
  $("#duration").disabled = $("#driving-reference").disabled = kind !== "photo";
  $("#driving").accept = ACCEPT[kind] || "";
  $("#body").disabled = kind !== "video";
}

function showPortrait(src, text) {
  $("#portrait-preview").src = src;
  $("#portrait-preview").hidden = false;
  $("#portrait-name").textContent = text;
}

// The portrait's faces, left to right: numbered boxes on the preview and one driver row each.
let facesAsked = 0;  // the latest /api/faces request (an earlier portrait's answer is dropped)
async function findFaces() {
  clearFaces();
  const asked = ++facesAsked;
  const data = new FormData();
  if ($("#portrait-demo").value) data.append("portrait_demo", "1");
  else data.append("portrait", $("#portrait").files[0]);
  facesNote("Looking for faces…");
  try {
    const response = await fetch("/api/faces", { method: "POST", body: data, headers: await csrfHeaders() });
    const body = await response.json().catch(() => null);
    if (asked !== facesAsked) return;
    if (!response.ok) { facesNote(oneLine(body, response.status)); return; }
    showFaces(body.faces);
  } catch (error) {
    if (asked === facesAsked) facesNote(LOST);
  }
}

function clearFaces() {
  faceCount = 0;
  $("#face-boxes").replaceChildren();
  $("#face-list").replaceChildren();
  facesNote("");
}

function showFaces(boxes) {
  faceCount = boxes.length;
  boxes.forEach(([left, top, right, bottom], index) => {
    const box = Object.assign(document.createElement("div"), { className: "face-box" });
    Object.assign(box.style, { left: `${left * 100}%`, top: `${top * 100}%`, width: `${(right - left) * 100}%`,
      height: `${(bottom - top) * 100}%` });
    box.dataset.face = index;
    box.append(Object.assign(document.createElement("span"), { textContent: index }));
    $("#face-boxes").append(box);
    $("#face-list").append(faceRow(index));
  });
  facesNote(faceCount === 1 ? "1 face." : `${faceCount} faces, numbered from the left.`);
}

function faceRow(index) {
  const row = $("#face-template").content.firstElementChild.cloneNode(true);
  row.dataset.face = index;
  $(".face-number", row).textContent = `Face ${index}`;
  const select = $(".face-driver", row);
  option(select, NO_DRIVER, NO_DRIVER);
  select.options[0].textContent = "no driver (still)";
  presets.forEach((name) => option(select, `preset:${name}`, NO_DRIVER));
  option(select, FILE_DRIVER, NO_DRIVER);
  select.options[select.options.length - 1].textContent = "upload a file";
  select.addEventListener("change", () => {
    $(".face-file", row).hidden = select.value !== FILE_DRIVER;
    $(".face-of", row).hidden = select.value !== FILE_DRIVER;
  });
  return row;
}

function facesNote(message) {
  $("#faces-note").textContent = message || "";
  $("#faces-note").hidden = !message;
}

// {face index: a preset text or a File} of the faces given a driver.
function faceDrivers() {
  const drivers = {};
  document.querySelectorAll("#face-list .face-row").forEach((row) => {
    const choice = $(".face-driver", row).value;
    if (choice === FILE_DRIVER) drivers[row.dataset.face] = $(".face-file", row).files[0] || null;
    else if (choice !== NO_DRIVER) drivers[row.dataset.face] = choice;
  });
  return drivers;
}

function formError(message) {
  $("#form-error").textContent = message || "";
  $("#form-error").hidden = !message;
}

function checkForm(form) {
  if (!$("#portrait-demo").value && !$("#portrait").files.length) return "Choose a portrait or use the demo portrait.";
  const kind = drivingKind();
  const drivers = Object.values(faceDrivers());
  if (kind === "faces") {
    if (!faceCount) return "One driver per face needs a portrait image with faces (numbered on its preview).";
    if (!drivers.length) return "Give at least one face a driver.";
    if (drivers.includes(null)) return "Choose the file for each face set to \"upload a file\".";
  } else if (kind !== "preset" && !$("#driving").files.length) return "Choose the driving file to upload.";
  const uploads = kind === "faces" ? drivers.filter((d) => d instanceof File) : kind === "preset" ? [] : [...$("#driving").files];
  const files = [...$("#portrait").files, ...uploads];
  const size = files.reduce((sum, file) => sum + file.size, 0);
  if (size > maxUpload) return `Upload too large: at most ${Math.round(maxUpload / 2 ** 20)} MB per job.`;
  if (!form.querySelectorAll("input[name=regions]:checked").length) return "Pick at least one region.";
  return null;
}

function oneLine(body, status) {
  const detail = body && body.detail;
  if (typeof detail === "string") return detail;
  return `request failed (HTTP ${status})`;
}

const cards = new Map(); // job id -> its card in #jobs
let pollTimer = null;
let lostContact = false;

function listError(message) {
  $("#list-error").textContent = message || "";
  $("#list-error").hidden = !message;
}

function progressText(job) {
  const notes = job.notes || [];
  if (job.status === "done") return `${job.frames} frames`;
  if (job.status === "cancelled") return `cancelled after ${job.done} / ${job.total ?? "?"} frames`;
  if (job.status === "queued") return "waiting for its turn";
  return `frames ${job.done ?? 0} / ${job.total ?? "?"}` + (notes.length ? ` · ${notes.at(-1)}` : "");
}

function renderJob(card, job) {
  card.dataset.status = job.status;
  const waiting = job.status === "queued" && job.queue_position ? ` (${job.queue_position} ahead)` : "";
  const cancelling = job.cancelling && job.status === "running" ? " (cancelling…)" : "";
  $(".job-status", card).textContent = job.status + waiting + cancelling;
  const bar = $("progress", card);
  if (job.total) { bar.max = job.total; bar.value = Math.min(job.done, job.total); }
  else if (job.status === "done") { bar.max = 1; bar.value = 1; }
  else if (job.status === "running") bar.removeAttribute("value");
  $(".job-progress", card).textContent = progressText(job);
  const failed = job.status === "failed";
  $(".job-error", card).textContent = failed ? job.error : "";
  $(".job-error", card).hidden = !failed;
  $(".job-progress", card).hidden = bar.hidden = failed;
  const active = ACTIVE.includes(job.status);
  $(".job-cancel", card).hidden = !active;
  $(".job-cancel", card).disabled = job.cancelling;
  $(".job-delete", card).hidden = active;
  if (job.status === "done" && $(".job-result", card).hidden) {
    $("video", card).src = job.video;
    $(".download", card).href = job.video + "?download=1";
    $(".job-result", card).hidden = false;
  }
}

// POST and DELETE carry the server's CSRF token (GET /api/session; only this page can read it).
let csrfToken = null;
async function csrfHeaders() {
  if (csrfToken === null) csrfToken = (await (await fetch("/api/session")).json()).csrf;
  return { "X-CSRF-Token": csrfToken };
}

async function act(card, method, url) {
  card.querySelectorAll(".job-actions button").forEach((button) => { button.disabled = true; });
  try {
    const response = await fetch(url, { method, headers: await csrfHeaders() });
    listError(response.ok ? "" : oneLine(await response.json().catch(() => null), response.status));
  } catch (error) {
    listError(LOST);
  }
  card.querySelectorAll(".job-actions button").forEach((button) => { button.disabled = false; });
  await refresh();
}

function jobCard(job) {
  if (cards.has(job.id)) return cards.get(job.id);
  const card = $("#job-template").content.firstElementChild.cloneNode(true);
  card.dataset.job = job.id;
  $(".job-title", card).textContent = job.title;
  $(".job-time", card).textContent = new Date(job.created * 1000).toLocaleString();
  $(".job-cancel", card).addEventListener("click", () => act(card, "POST", `/api/jobs/${job.id}/cancel`));
  $(".job-delete", card).addEventListener("click", () => act(card, "DELETE", `/api/jobs/${job.id}`));
  cards.set(job.id, card);
  return card;
}

function showJobs(jobs) {
  const list = $("#jobs");
  const listed = new Set(jobs.map((job) => job.id));
  for (const [id, card] of cards) {
    if (!listed.has(id)) { card.remove(); cards.delete(id); }
  }
  jobs.forEach((job, index) => {
    const card = jobCard(job);
    renderJob(card, job);
    if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
  });
  $("#no-jobs").hidden = jobs.length > 0;
  list.removeAttribute("aria-busy");
}

// One poll loop for the whole list, newest first.
async function refresh() {
  clearTimeout(pollTimer);
  let busy = true;
  try {
    const response = await fetch("/api/jobs");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const jobs = await response.json();
    showJobs(jobs);
    busy = jobs.some((job) => ACTIVE.includes(job.status));
    if (lostContact) listError("");
    lostContact = false;
  } catch (error) {
    listError(LOST);
    lostContact = true;
  }
  pollTimer = setTimeout(refresh, busy ? POLL_MS : IDLE_POLL_MS);
}

async function submit(event) {
  event.preventDefault();
  const form = event.target;
  const problem = checkForm(form);
  formError(problem);
  if (problem) return;
  const data = new FormData(form);
  if (drivingKind() === "preset" || drivingKind() === "faces") data.delete("driving");
  if (drivingKind() === "faces") {
    Object.entries(faceDrivers()).forEach(([face, driver]) => data.set(`face_${face}`, driver));
    document.querySelectorAll("#face-list .face-row").forEach((row) => {  // a driving video's person (PATH@K)
      const person = $(".face-driver-face", row).value;
      if ($(".face-driver", row).value === FILE_DRIVER && person !== "") data.set(`face_${row.dataset.face}_driver_face`, person);
    });
  }
  if ($("#portrait-demo").value) data.delete("portrait");
  $("#start").disabled = true;
  try {
    const response = await fetch("/api/jobs", { method: "POST", body: data, headers: await csrfHeaders() });
    const job = await response.json().catch(() => null);
    if (!response.ok) { formError(oneLine(job, response.status)); return; }
    await refresh();
  } catch (error) {
    formError("The server did not answer: is `facereel app` still running?");
  } finally {
    $("#start").disabled = false;
  }
}

function wire() {
  $("#job-form").addEventListener("submit", submit);
  document.querySelectorAll("input[name=driving_kind]").forEach((radio) => radio.addEventListener("change", showDriving));
  $("#multiplier").addEventListener("input", () => { $("#multiplier-value").textContent = Number($("#multiplier").value).toFixed(2); });
  $("#engine").addEventListener("change", () => { $("#weights-row").hidden = $("#engine").value === "mesh"; });
  $("#use-demo").addEventListener("click", () => {
    $("#portrait").value = "";
    $("#portrait-demo").value = "1";
    showPortrait("/api/demo-portrait", "Demo portrait: the astronaut (NASA, public domain).");
    findFaces();
  });
  $("#portrait").addEventListener("change", () => {
    const file = $("#portrait").files[0];
    if (!file) return;
    $("#portrait-demo").value = "";
    if (file.type.startsWith("video/")) {  // video-to-video: no still preview
      $("#portrait-preview").hidden = true;
      $("#portrait-name").textContent = `${file.name} (video: its face is animated, the rest kept)`;
      facesAsked++;
      clearFaces();
    } else {
      showPortrait(URL.createObjectURL(file), file.name);
      findFaces();
    }
  });
  showDriving();
}

wire();
loadChoices().catch(() => formError("Could not load the form's choices from the server."));
refresh();
