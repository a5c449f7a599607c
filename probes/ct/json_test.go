package ct

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
)

func TestResultJSONShape(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	res := Check(w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.x}})))
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Verdict string           `json:"verdict"`
		SCTs    []map[string]any `json:"scts"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Verdict != "unknown" || len(m.SCTs) != 2 {
		t.Fatalf("JSON = %s", data)
	}
	for _, k := range []string{"log_name", "operator", "source", "timestamp", "verified"} {
		if _, ok := m.SCTs[0][k]; !ok {
			t.Fatalf("SCT JSON lacks %q: %s", k, data)
		}
	}
	if m.SCTs[0]["verified"] != true || m.SCTs[1]["verified"] != nil || m.SCTs[0]["log_name"] != "Alpha 2027" {
		t.Fatalf("verified must be true for a checked SCT and null for an unknown log: %s", data)
	}
	if strings.Contains(string(data), "Findings") {
		t.Fatalf("findings leaked into JSON: %s", data)
	}
}
