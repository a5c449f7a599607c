package ct

import (
	"context"
	_ "embed" // the default log list
	"encoding/base64"
	"fmt"
	"sync"
	"time"

	"github.com/certwiz/certwiz/internal/boundedfile"

	"github.com/google/certificate-transparency-go/loglist3"
)

//go:embed ct-log-list.json
var embeddedLogList []byte

// MaxLogListBytes caps a log list file read by LoadLogList.
const MaxLogListBytes = 16 << 20

var defaultLogList = sync.OnceValues(func() (*loglist3.LogList, error) {
	ll, err := loglist3.NewFromJSON(embeddedLogList)
	if err != nil {
		return nil, fmt.Errorf("embedded CT log list: %w", err)
	}
	return ll, nil
})

// DefaultLogList returns the embedded log list (Chrome's v3 schema, made
// from Firefox's known-log table). It is parsed once and shared: do not
// modify it.
func DefaultLogList() (*loglist3.LogList, error) { return defaultLogList() }

// LoadLogList reads a log list in Chrome's v3 schema from path (the
// --ct-logs flag), such as Chrome's log_list.json. Only a regular file of
// at most MaxLogListBytes is read (see internal/boundedfile).
func LoadLogList(path string) (*loglist3.LogList, error) {
	data, err := boundedfile.ReadFile(context.Background(), path, MaxLogListBytes)
	if err != nil {
		return nil, fmt.Errorf("read CT log list: %w", err)
	}
	return ParseLogList(path, data)
}

// ParseLogList parses a log list in Chrome's v3 schema read from path.
func ParseLogList(path string, data []byte) (*loglist3.LogList, error) {
	if len(data) > MaxLogListBytes {
		return nil, fmt.Errorf("CT log list %s is larger than %d bytes", path, MaxLogListBytes)
	}
	ll, err := loglist3.NewFromJSON(data)
	if err != nil {
		return nil, fmt.Errorf("parse CT log list %s: %w", path, err)
	}
	return ll, nil
}

// logInfo is what the check needs to know about one log.
type logInfo struct {
	name, operator string
	key            []byte
	status         loglist3.LogStatus
	stateSince     time.Time
}

// indexLogs maps base64 log IDs to their logs, RFC 6962 and tiled alike.
func indexLogs(ll *loglist3.LogList) map[string]logInfo {
	out := map[string]logInfo{}
	if ll == nil {
		return out
	}
	add := func(op string, id, key []byte, desc string, st *loglist3.LogStates) {
		li := logInfo{name: desc, operator: op, key: key, status: st.LogStatus()}
		if s, ro := st.Active(); s != nil {
			li.stateSince = s.Timestamp
		} else if ro != nil {
			li.stateSince = ro.Timestamp
		}
		out[base64.StdEncoding.EncodeToString(id)] = li
	}
	for _, op := range ll.Operators {
		if op == nil {
			continue
		}
		for _, l := range op.Logs {
			if l != nil {
				add(op.Name, l.LogID, l.Key, l.Description, l.State)
			}
		}
		for _, l := range op.TiledLogs {
			if l != nil {
				add(op.Name, l.LogID, l.Key, l.Description, l.State)
			}
		}
	}
	return out
}

// trustedAt reports whether an SCT from this log, issued at ts, counts:
// the log is qualified, usable or read-only, or was retired after ts.
func (li logInfo) trustedAt(ts time.Time) (bool, string) {
	switch li.status {
	case loglist3.QualifiedLogStatus, loglist3.UsableLogStatus, loglist3.ReadOnlyLogStatus:
		return true, ""
	case loglist3.RetiredLogStatus:
		if ts.Before(li.stateSince) {
			return true, ""
		}
		return false, "the log was retired before this SCT was issued"
	}
	return false, "the log is not trusted (state " + li.status.String() + ")"
}

// stateName returns the log's state in the list's words.
func (li logInfo) stateName() string {
	switch li.status {
	case loglist3.PendingLogStatus:
		return "pending"
	case loglist3.QualifiedLogStatus:
		return "qualified"
	case loglist3.UsableLogStatus:
		return "usable"
	case loglist3.ReadOnlyLogStatus:
		return "readonly"
	case loglist3.RetiredLogStatus:
		return "retired"
	case loglist3.RejectedLogStatus:
		return "rejected"
	}
	return ""
}
