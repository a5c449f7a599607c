package wizard

import (
	"testing"

	"github.com/certwiz/certwiz/content"
)

// BenchmarkView draws each screen at 80x24 (target: under 1 ms).
func BenchmarkView(b *testing.B) {
	for _, tc := range screenCases {
		b.Run(tc.name, func(b *testing.B) {
			m := New(Options{Lang: content.EN, Engine: tc.engine(), Hosts: testHosts, Width: 80, Height: 24})
			for _, mv := range tc.moves {
				drive(m, press(mv.key))
			}
			if tc.help {
				drive(m, press("?"))
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkFullPath walks a whole room path — code 6, domain, check,
// remedy, summary, report — from a fresh model, in both languages, and
// reports the memory it takes (target: well under 40 MB).
func BenchmarkFullPath(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Lang: content.EN, Engine: code6Engine(), Hosts: testHosts, Width: 80, Height: 24})
		for _, k := range []string{"3", "6", "r", "o", "o", "m", "s", ".", "e", "x", "enter", "1", "L", "1"} {
			drive(m, press(k))
			_ = m.View()
		}
		_ = copyCmd(m.opts.Engine, m.lang, m.s)()
	}
}

// BenchmarkFirstFrame is the wizard's share of start-up: building the
// model and drawing the start screen (the first-frame budget is 50 ms).
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Lang: content.JA, Engine: code6Engine(), Hosts: testHosts, Width: 80, Height: 24})
		_ = m.View()
	}
}
