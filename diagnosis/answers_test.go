package diagnosis_test

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/steps"
	"github.com/certwiz/certwiz/verdict"
)

// The wizard's saved reports carry the person's answers and the computer
// the checks ran from, in the JSON and the Markdown alike.
func TestReportsCarryTheAnswersAndTheMachine(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	cfg := loopback.Config(t, lab)
	cfg.SkipClock, cfg.SkipCaptive, cfg.SkipNetwork = true, true, true
	e := diagnosis.NewEngine(cfg, "test")
	s := steps.New([]string{"zoom.us"})
	s.Device, s.RunsOn, s.Network = steps.DeviceRoom, verdict.RunsOnSameNetwork, steps.NetOffice
	s.ShownCode, s.CodeAsked, s.RoomDomain = 6, true, "rooms.example.com"
	md, js := e.Report(content.EN, s)
	var doc struct {
		Answers map[string]any                      `json:"answers"`
		Machine struct{ Hostname, OS, Arch string } `json:"machine"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"device": "room", "runs_on": "same-network", "network": "office", "shown_code": 6.0, "domain": "rooms.example.com"}
	for k, v := range want {
		if doc.Answers[k] != v {
			t.Errorf("answers.%s = %v, want %v", k, doc.Answers[k], v)
		}
	}
	if doc.Machine.OS != runtime.GOOS || doc.Machine.Arch != runtime.GOARCH {
		t.Errorf("machine = %+v", doc.Machine)
	}
	for _, w := range []string{"Zoom Rooms device", "another computer on the same network", "rooms.example.com", runtime.GOOS} {
		if !strings.Contains(md, w) {
			t.Errorf("the Markdown lacks %q:\n%s", w, md)
		}
	}
}
