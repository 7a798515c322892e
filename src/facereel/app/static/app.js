// facereel app page: fills the form from /api/choices, submits jobs, polls their progress, shows results.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const POLL_MS = 500;
const ACCEPT = { video: "video/*,.mp4,.mov,.webm,.mkv,.avi", template: ".npz" };
let maxUpload = Infinity;

function option(select, value, selected) {
  const item = document.createElement("option");
  item.value = item.textContent = value;
  item.selected = value === selected;
  select.append(item);
}

async function loadChoices() {
  const choices = await (await fetch("/api/choices")).json();
  maxUpload = choices.max_upload_bytes;
  choices.presets.forEach((name) => option($("#preset"), name, "talk"));
  choices.engines.forEach((name) => option($("#engine"), name, "auto"));
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
  $("#driving-row").hidden = kind === "preset";
  $("#driving-label").textContent = kind === "video" ? "Video file" : "Motion template (.npz)";
  $("#driving").accept = ACCEPT[kind] || "";
  $("#body").disabled = kind !== "video";
}

function showPortrait(src, text) {
  $("#portrait-preview").src = src;
  $("#portrait-preview").hidden = false;
  $("#portrait-name").textContent = text;
}

function formError(message) {
  $("#form-error").textContent = message || "";
  $("#form-error").hidden = !message;
}

function checkForm(form) {
  if (!$("#portrait-demo").value && !$("#portrait").files.length) return "Choose a portrait or use the demo portrait.";
  if (drivingKind() !== "preset" && !$("#driving").files.length) return "Choose the driving file to upload.";
  const files = [...$("#portrait").files, ...(drivingKind() === "preset" ? [] : $("#driving").files)];
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

function renderJob(card, job) {
  card.dataset.status = job.status;
  const waiting = job.status === "queued" && job.queue_position ? ` (${job.queue_position} ahead)` : "";
  $(".job-status", card).textContent = job.status + waiting;
  const bar = $("progress", card);
  if (job.total) { bar.max = job.total; bar.value = Math.min(job.done, job.total); }
  else if (job.status === "done") { bar.max = 1; bar.value = 1; }
  else if (job.status === "running") bar.removeAttribute("value");
  const notes = job.notes || [];
  $(".job-progress", card).textContent = job.status === "done" ? `${job.frames} frames`
    : `frames ${job.done ?? 0} / ${job.total ?? "?"}` + (notes.length ? ` · ${notes.at(-1)}` : "");
  if (job.status === "failed") {
    $(".job-error", card).textContent = job.error;
    $(".job-error", card).hidden = false;
    $(".job-progress", card).hidden = bar.hidden = true;
  }
  if (job.status === "done" && $(".job-result", card).hidden) {
    $("video", card).src = job.video;
    $(".download", card).href = job.video + "?download=1";
    $(".job-result", card).hidden = false;
  }
}

async function follow(card, id) {
  for (;;) {
    const response = await fetch(`/api/jobs/${id}`);
    const job = await response.json();
    if (!response.ok) { renderJob(card, { status: "failed", error: oneLine(job, response.status) }); return; }
    renderJob(card, job);
    if (job.status === "done" || job.status === "failed") return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function submit(event) {
  event.preventDefault();
  const form = event.target;
  const problem = checkForm(form);
  formError(problem);
  if (problem) return;
  const data = new FormData(form);
  if (drivingKind() === "preset") data.delete("driving");
  if ($("#portrait-demo").value) data.delete("portrait");
  $("#start").disabled = true;
  try {
    const response = await fetch("/api/jobs", { method: "POST", body: data });
    const job = await response.json().catch(() => null);
    if (!response.ok) { formError(oneLine(job, response.status)); return; }
    const card = $("#job-template").content.firstElementChild.cloneNode(true);
    const name = $("#portrait-demo").value ? "astronaut" : $("#portrait").files[0].name;
    const driving = drivingKind() === "preset" ? "preset " + $("#preset").value : $("#driving").files[0].name;
    $(".job-title", card).textContent = `${name} × ${driving}`;
    card.dataset.job = job.id;
    $("#jobs").prepend(card);
    $("#no-jobs").hidden = true;
    follow(card, job.id).catch(() => renderJob(card, { status: "failed", error: "lost contact with the server" }));
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
  });
  $("#portrait").addEventListener("change", () => {
    const file = $("#portrait").files[0];
    if (!file) return;
    $("#portrait-demo").value = "";
    showPortrait(URL.createObjectURL(file), file.name);
  });
  showDriving();
}

wire();
loadChoices().catch(() => formError("Could not load the form's choices from the server."));
