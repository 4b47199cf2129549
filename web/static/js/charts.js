/* Charts of the campaign view, drawn with the vendored ECharts when it is there.
 * The page works without it: every chart also exists as a plain CSS bar list, which stays
 * for printing and for browsers without JavaScript. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof window.echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#b42318", "#175cd3", "#067647", "#b54708", "#6941c6", "#667085"];

  function bars(labels, values, horizontal) {
    var category = { type: "category", data: labels, axisLabel: { interval: 0, width: 140, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };  // counts of units: no "0.5 个"
    return {
      color: palette,
      grid: { left: horizontal ? 150 : 40, right: 30, top: 20, bottom: horizontal ? 20 : 60, containLabel: false },
      tooltip: { trigger: "axis" },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({}, category, { inverse: true }) : value,
      series: [{ type: "bar", data: values.map(Number), label: { show: true, position: horizontal ? "right" : "top" } }]
    };
  }

  var builders = {
    // Horizontal: seven state names side by side under narrow bars ran into each other.
    states: function (d) { return bars(d.labels, d.values, true); },
    self_grades: function (d) { return builders.grades(d); },
    grades: function (d) {
      return {
        color: palette,
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        // The labels stay whole ("未评分：6" was cut to "未评…" beside a wide half of the ring).
        series: [{ type: "pie", radius: ["32%", "56%"], label: { formatter: "{b}：{c}", overflow: "none" },
          labelLine: { length: 8, length2: 6 },
          data: d.labels.map(function (label, i) { return { name: label, value: Number(d.values[i]) }; }) }]
      };
    },
    functional: function (d) { return bars(d.labels, d.values, true); },
    findings: function (d) { return bars(d.labels, d.values, true); },
    three_public: function (d) {
      return {
        color: ["#98a2b3", "#b42318"],
        tooltip: { trigger: "axis" },
        legend: { data: ["上年", "本年"], top: 0 },
        grid: { left: 150, right: 30, top: 30, bottom: 20 },
        xAxis: { type: "value", name: "万元" },
        yAxis: { type: "category", data: d.labels, inverse: true, axisLabel: { width: 140, overflow: "truncate" } },
        series: [
          { name: "上年", type: "bar", data: d.before.map(function (v) { return v === null ? null : Number(v); }) },
          { name: "本年", type: "bar", data: d.now.map(function (v) { return v === null ? null : Number(v); }) }
        ]
      };
    }
  };

  // Honour the reader's "reduce motion" setting: the charts appear finished, not growing.
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var drawn = [];
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var name = box.getAttribute("data-chart");
    var d = data[name];
    if (!d || !builders[name] || !d.labels.length) { return; }
    var rows = d.labels.length;
    box.style.height = (name === "states" || name === "functional" || name === "findings" || name === "three_public")
      ? Math.max(220, rows * 28 + 60) + "px" : "280px";
    box.hidden = false;
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption(Object.assign({ animation: !still }, builders[name](d)));
    box.closest("section").classList.add("has-chart");
    drawn.push(chart);
  });
  window.addEventListener("resize", function () { drawn.forEach(function (c) { c.resize(); }); });
})();
