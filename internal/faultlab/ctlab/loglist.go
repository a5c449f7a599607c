package ctlab

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/certificate-transparency-go/loglist3"
)

// LogList returns a log list in Chrome's v3 schema naming logs, grouped
// by operator in first-seen order, as parsed JSON and as the JSON bytes
// (for a --ct-logs file).
func LogList(logs ...*Log) (*loglist3.LogList, []byte, error) {
	ll := &loglist3.LogList{Version: "certwiz-ctlab", LogListTimestamp: time.Now().UTC().Truncate(time.Second)}
	ops := map[string]*loglist3.Operator{}
	for _, l := range logs {
		op := ops[l.Operator]
		if op == nil {
			op = &loglist3.Operator{Name: l.Operator, Email: []string{}}
			ops[l.Operator] = op
			ll.Operators = append(ll.Operators, op)
		}
		state := &loglist3.LogStates{Usable: &loglist3.LogState{Timestamp: time.Now().Add(-365 * 24 * time.Hour).UTC().Truncate(time.Second)}}
		if !l.Retired.IsZero() {
			state = &loglist3.LogStates{Retired: &loglist3.LogState{Timestamp: l.Retired.UTC().Truncate(time.Second)}}
		}
		op.Logs = append(op.Logs, &loglist3.Log{
			Description: l.Name, LogID: l.ID[:], Key: l.SPKI, URL: "", MMD: 86400, State: state,
		})
	}
	data, err := json.MarshalIndent(ll, "", "  ")
	if err != nil {
		return nil, nil, fmt.Errorf("marshal log list: %w", err)
	}
	parsed, err := loglist3.NewFromJSON(data)
	if err != nil {
		return nil, nil, fmt.Errorf("parse log list: %w", err)
	}
	return parsed, data, nil
}
