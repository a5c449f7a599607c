package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/sanitize"
)

// labelMax bounds a label value, in runes, after sanitizing.
const labelMax = 128

// metric is one sample: its label pairs (name, value, name, value...)
// and value.
type metric struct {
	labels []string
	value  float64
}

// family is one metric family of the exposition.
type family struct {
	name, help string
	samples    []metric
}

// WritePrometheus writes doc in the Prometheus text exposition format
// (version 0.0.4) that node_exporter's and windows_exporter's textfile
// collectors read: every family has HELP and TYPE (all are gauges), label
// values are sanitized, bounded and escaped, and a sample whose value is
// unknown is left out rather than written as NaN. Samples carry no
// timestamps (the textfile collector refuses them).
func WritePrometheus(w io.Writer, doc Document) error {
	var b strings.Builder
	for _, f := range promFamilies(doc) {
		if len(f.samples) == 0 {
			continue
		}
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", f.name, f.help, f.name)
		for _, s := range f.samples {
			b.WriteString(f.name)
			if len(s.labels) > 0 {
				b.WriteString("{")
				for i := 0; i+1 < len(s.labels); i += 2 {
					if i > 0 {
						b.WriteString(",")
					}
					b.WriteString(s.labels[i] + `="` + labelValue(s.labels[i+1]) + `"`)
				}
				b.WriteString("}")
			}
			b.WriteString(" " + strconv.FormatFloat(s.value, 'f', -1, 64) + "\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write prometheus metrics: %w", err)
	}
	return nil
}

// labelValue sanitizes (no controls, no invisible or bidi characters),
// bounds and escapes one label value as the text format requires.
func labelValue(v string) string {
	v = sanitize.Limit(v, labelMax)
	return labelEscaper.Replace(v)
}

// labelEscaper escapes what the text format escapes in a label value.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// promFamilies turns the document into metric families, in a fixed order.
func promFamilies(doc Document) []family {
	code := family{name: "certwiz_code", help: "The run's article code: 0 no certificate fault, else 1-7 or 100."}
	code.samples = []metric{{value: float64(doc.Code)}}
	exit := family{name: "certwiz_exit_status", help: "The run's exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."}
	exit.samples = []metric{{value: float64(doc.ExitStatus)}}

	tcode := family{name: "certwiz_target_code", help: "A tested target's article code (0 no certificate fault); absent when not tested."}
	tested := family{name: "certwiz_target_tested", help: "1 when the target was tested, 0 when it could not be (no connection, timeout)."}
	icpt := family{name: "certwiz_interception", help: "1 when TLS interception by a known product or kind was seen on the target."}
	notAfter := family{name: "certwiz_certificate_not_after_timestamp_seconds", help: "When the target's leaf certificate expires, in Unix seconds."}
	seen := map[string]bool{}
	for _, t := range doc.Targets {
		hp := []string{"host", t.Host, "port", strconv.Itoa(t.Port)}
		key := labelValue(t.Host) + "\x00" + strconv.Itoa(t.Port)
		if seen[key] {
			continue // one series per target: a duplicate would void the file
		}
		seen[key] = true
		ok := targetTested(t)
		tested.samples = append(tested.samples, metric{labels: hp, value: boolValue(ok)})
		if ok {
			tcode.samples = append(tcode.samples, metric{labels: hp, value: float64(t.Code)})
		}
		if t.Interceptor != nil {
			kind := ""
			if t.InterceptorKind != nil {
				kind = *t.InterceptorKind
			}
			icpt.samples = append(icpt.samples, metric{labels: append(hp, "product", *t.Interceptor, "kind", kind), value: 1})
		}
		if na, ok := leafNotAfter(t); ok {
			notAfter.samples = append(notAfter.samples, metric{labels: hp, value: float64(na.Unix())})
		}
	}

	offset := family{name: "certwiz_clock_offset_seconds", help: "Reference time minus this device's time, in seconds; absent when unknown."}
	if doc.Clock.OffsetSeconds != nil {
		offset.samples = []metric{{value: *doc.Clock.OffsetSeconds}}
	}
	skewed := family{name: "certwiz_clock_skewed", help: "1 when the device clock is off by more than the browsers' 5 minutes; absent when unknown."}
	switch doc.Clock.Verdict {
	case "ok":
		skewed.samples = []metric{{value: 0}}
	case "ahead", "behind":
		skewed.samples = []metric{{value: 1}}
	}
	portal := family{name: "certwiz_captive_portal", help: "1 when a captive portal intercepted the check; absent when unknown."}
	if p := doc.Network.CaptivePortal; p != nil {
		portal.samples = []metric{{value: boolValue(*p)}}
	}
	dur := family{name: "certwiz_check_duration_seconds", help: "How long the check took, in seconds."}
	dur.samples = []metric{{value: float64(doc.DurationMS) / 1000}}
	last := family{name: "certwiz_last_run_timestamp_seconds", help: "When the check finished, in Unix seconds."}
	if at := runTime(doc); !at.IsZero() {
		last.samples = []metric{{value: float64(at.Unix()) + float64(doc.DurationMS)/1000}}
	}
	build := family{name: "certwiz_build_info", help: "Always 1; the version label names the certwiz build."}
	build.samples = []metric{{labels: []string{"version", doc.Version}, value: 1}}

	return []family{code, exit, tcode, tested, icpt, offset, skewed, portal, notAfter, dur, last, build}
}
