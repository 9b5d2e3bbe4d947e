// The admin dashboard: reads /api/v1/admin/dashboard/events (server-sent events) with fetch, so the bearer token
// goes in the Authorization header, and redraws the page on every snapshot.
"use strict";
const API = "/api/v1/admin/dashboard";
const $ = (id) => document.getElementById(id);
const frames = new Map(); // "scene/frame" -> Promise<ImageBitmap>, each frame fetched once
let updates = 0;

function cell(row, text, number) {
  const td = row.insertCell();
  td.textContent = text;
  if (number) td.className = "number";
  return td;
}

function rows(table, items, fill) {
  const body = $(table).tBodies[0];
  body.replaceChildren();
  for (const item of items) fill(body.insertRow(), item);
}

function unavailable(id, part) {
  if (!part || !part.unavailable) return false;
  rows(id, [part.unavailable], (row, text) => { const td = cell(row, text); td.className = "unavailable"; });
  return true;
}

function render(snapshot) {
  updates++;
  $("updated").textContent = `updated ${new Date(snapshot.at).toLocaleTimeString()} (#${updates})`;
  $("updated").dataset.updates = String(updates);

  if (!unavailable("jobs", snapshot.jobs)) {
    rows("jobs", Object.entries(snapshot.jobs.counts || {}), (row, [state, count]) => {
      row.id = `jobs-${state.toLowerCase()}`;
      cell(row, state.toLowerCase());
      cell(row, count, true);
    });
    const errors = $("job-errors");
    errors.replaceChildren(...(snapshot.jobs.lastErrors || []).map((job) => {
      const li = document.createElement("li");
      li.textContent = `${job.kind} (${job.state}, attempt ${job.attempt}) ${job.subject}: ${job.error}`;
      return li;
    }));
  }

  rows("topics", snapshot.topics, (row, topic) => {
    row.id = `topic-${topic.topic}`;
    cell(row, topic.topic);
    cell(row, topic.records, true).className = "number records";
    cell(row, topic.perSecond.toFixed(1), true).className = "number rate";
    cell(row, Object.entries(topic.lagByGroup).map(([group, lag]) => `${group}: ${lag}`).join(", "));
  });

  if (!unavailable("vision-models", snapshot.visionModels)) {
    rows("vision-models", snapshot.visionModels.models || [], (row, model) => {
      cell(row, model.name);
      cell(row, model.version);
      cell(row, model.task);
    });
  }
  if (!unavailable("training", snapshot.training)) {
    rows("training", Array.isArray(snapshot.training) ? snapshot.training.slice(0, 5) : [], (row, run) => {
      cell(row, run.modelVersion || "");
      cell(row, run.state);
      cell(row, run.interactions ?? "", true);
      evaluation(row, run.evaluation);
      cell(row, run.trigger);
      cell(row, run.finishedAt ? new Date(run.finishedAt).toLocaleTimeString() : "");
      cell(row, run.error || "");
    });
  }
  renderDetections(snapshot.detections);
}

// A run's holdout figures: nDCG@10, P@10, R@10 and the users they average over; "skipped" (why in its title) when
// the run had too little data to hold any out, empty for runs without an evaluation.
function evaluation(row, figures) {
  const ready = figures != null && figures.ndcgAt10 != null;
  const ndcg = cell(row, ready ? figures.ndcgAt10.toFixed(4) : (figures?.skipped ? "skipped" : ""), true);
  if (!ready && figures?.skipped) ndcg.title = figures.skipped;
  cell(row, ready ? figures.precisionAt10.toFixed(4) : "", true);
  cell(row, ready ? figures.recallAt10.toFixed(4) : "", true);
  cell(row, ready ? figures.evaluatedUsers : "", true);
}

function renderDetections(detections) {
  const box = $("detections");
  const wanted = detections.map((d) => d.eventId);
  for (const old of [...box.children]) if (!wanted.includes(old.dataset.event)) old.remove();
  detections.forEach((found, index) => {
    let figure = box.querySelector(`[data-event="${found.eventId}"]`);
    if (!figure) {
      figure = document.createElement("figure");
      figure.className = "detection";
      figure.dataset.event = found.eventId;
      const canvas = document.createElement("canvas");
      const caption = document.createElement("figcaption");
      caption.textContent = `${found.model} ${found.modelVersion}: ` +
        found.detections.map((d) => `${d.label} ${(d.score * 100).toFixed(0)}%`).join(", ");
      figure.append(canvas, caption);
      draw(canvas, found).then(() => { figure.dataset.drawn = "true"; },
        (e) => { caption.textContent += ` (frame unavailable: ${e.message})`; });
    }
    if (box.children[index] !== figure) box.insertBefore(figure, box.children[index] || null);
  });
}

async function draw(canvas, found) {
  const key = `${found.sceneId}/${found.frameId}`;
  if (!frames.has(key)) {
    frames.set(key, authorised(`${API}/frames/${key}`).then((r) => r.blob()).then(createImageBitmap));
  }
  const image = await frames.get(key);
  canvas.width = image.width;
  canvas.height = image.height;
  const g = canvas.getContext("2d");
  g.drawImage(image, 0, 0);
  g.lineWidth = Math.max(2, image.width / 160);
  g.font = `${Math.max(12, image.width / 32)}px sans-serif`;
  for (const d of found.detections) {
    if (!d.box) continue;
    g.strokeStyle = "#ff1744";
    g.strokeRect(d.box.x, d.box.y, d.box.width, d.box.height);
    g.fillStyle = "#ff1744";
    g.fillText(`${d.label} ${(d.score * 100).toFixed(0)}%`, d.box.x + 3, Math.max(12, d.box.y - 4));
  }
}

async function authorised(url) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${sessionStorage.getItem("token")}` } });
  if (!response.ok) {
    let detail = `HTTP ${response.status}`;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
    throw Object.assign(new Error(detail), { status: response.status });
  }
  return response;
}

// Reads the event stream until it ends, then opens it again; a refusal (401, 403) signs out.
async function follow() {
  while (sessionStorage.getItem("token")) {
    try {
      const response = await authorised(`${API}/events`);
      $("status").textContent = "live";
      $("sign-in").hidden = true;
      $("dashboard").hidden = false;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5)).join("\n");
          if (data.trim()) render(JSON.parse(data));
        }
      }
      $("status").textContent = "reconnecting";
    } catch (e) {
      // Refused, or never connected: back to the sign-in form with the reason.
      if (e.status === 401 || e.status === 403 || $("dashboard").hidden) {
        sessionStorage.removeItem("token");
        $("sign-in").hidden = false;
        $("dashboard").hidden = true;
        $("sign-in-error").textContent = `Not signed in: ${e.message}`;
        $("status").textContent = "signed out";
        return;
      }
      $("status").textContent = `reconnecting (${e.message})`;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

$("sign-in").addEventListener("submit", (event) => {
  event.preventDefault();
  $("sign-in-error").textContent = "";
  sessionStorage.setItem("token", $("token").value.trim());
  follow();
});
if (sessionStorage.getItem("token")) follow();
