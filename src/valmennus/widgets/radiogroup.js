// RadioGroup's view (anywidget ESM; the Python side is radiogroup.py). The browser's own markup: a
// <fieldset> named by its <legend> (the question), one <input type="radio"> with its <label> per option,
// all with one name unique to this view. The browser then gives Tab into and out of the group, arrow
// keys to move the choice, Space to choose, and screen readers announce "group, question, option n of m".
// Words are set as text (textContent), never as markup. The looks are classes of static/widgets.css.

let views = 0;

// Equal as JSON values (what the kernel sent is compared with an option's value).
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function render({ model, el }) {
  views += 1;
  const name = `valmennus-radio-${views}-${Math.random().toString(36).slice(2, 10)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "valmennus-radiogroup";
  // JupyterLab's command mode binds plain keys on the document (arrows: another cell, Enter: edit the
  // cell's code, letters: cell commands), matched on the focused radio itself, so data-lm-suppress-shortcuts
  // on an ancestor does not help. In the group they are the group's: they reach no further than here, and
  // the browser still does with them what it does (the default is never prevented). Tab and chords pass.
  fieldset.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) event.stopPropagation();
  });
  const legend = document.createElement("legend");
  legend.className = "valmennus-radiogroup-question";
  const list = document.createElement("div");
  list.className = "valmennus-radiogroup-options";
  fieldset.append(legend, list);
  el.classList.add("valmennus-radiogroup-view");
  el.append(fieldset);

  let inputs = [];

  function showValue() {
    const value = model.get("value");
    for (const [input, option] of inputs) {
      input.checked = value !== null && value !== undefined && same(value, option);
    }
  }

  function choose(option) {
    model.set("value", option);
    model.save_changes();
  }

  function drawOptions() {
    const options = model.get("options") || [];
    list.replaceChildren();
    inputs = options.map(([words, option], index) => {
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.id = `${name}-${index}`;
      input.value = String(index);
      input.addEventListener("change", () => {
        if (input.checked) choose(option);
      });
      const text = document.createElement("span");
      text.className = "valmennus-radio-words";
      text.textContent = words;
      const label = document.createElement("label");
      label.className = "valmennus-radio";
      label.htmlFor = input.id;
      label.append(input, text);
      list.append(label);
      return [input, option];
    });
    showValue();
  }

  function showQuestion() {
    legend.textContent = model.get("description") || "";
  }

  function showDisabled() {
    fieldset.disabled = Boolean(model.get("disabled"));
  }

  function showOrientation() {
    fieldset.classList.toggle("valmennus-radiogroup-horizontal", model.get("orientation") === "horizontal");
  }

  showQuestion();
  showDisabled();
  showOrientation();
  drawOptions();
  model.on("change:value", showValue);
  model.on("change:options", drawOptions);
  model.on("change:description", showQuestion);
  model.on("change:disabled", showDisabled);
  model.on("change:orientation", showOrientation);
  return () => {
    model.off("change:value", showValue);
    model.off("change:options", drawOptions);
    model.off("change:description", showQuestion);
    model.off("change:disabled", showDisabled);
    model.off("change:orientation", showOrientation);
  };
}

export default { render };
