package ct

import (
	"context"
	"crypto"
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

// logInfo is what the check needs to know about one log. Its key is
// parsed once, on first use, and shared by every check of the run.
type logInfo struct {
	name, operator string
	key            []byte
	status         loglist3.LogStatus
	stateSince     time.Time

	keyOnce   sync.Once
	publicKey crypto.PublicKey
	keyErr    error
}

// pub returns the log's parsed key.
func (li *logInfo) pub() (crypto.PublicKey, error) {
	li.keyOnce.Do(func() {
		li.publicKey, li.keyErr = parseLogKey(li.key)
		if li.keyErr != nil {
			li.keyErr = fmt.Errorf("log key of %s: %w", li.name, li.keyErr)
		}
	})
	return li.publicKey, li.keyErr
}

// logIndex maps base64 log IDs to their logs, RFC 6962 and tiled alike.
type logIndex map[string]*logInfo

// maxIndexes bounds the remembered indexes (one per log list in use:
// the embedded list, a --ct-logs file); when full they are all dropped.
const maxIndexes = 8

// indexes remembers each log list's index, so a run over many targets
// builds it and parses each log key once. Log lists are not modified
// after they are loaded (DefaultLogList says so).
var indexes struct {
	sync.Mutex
	m map[*loglist3.LogList]logIndex
}

// indexFor returns ll's index, built on first use.
func indexFor(ll *loglist3.LogList) logIndex {
	if ll == nil {
		return logIndex{}
	}
	indexes.Lock()
	defer indexes.Unlock()
	if idx, ok := indexes.m[ll]; ok {
		return idx
	}
	if indexes.m == nil || len(indexes.m) >= maxIndexes {
		indexes.m = map[*loglist3.LogList]logIndex{}
	}
	idx := indexLogs(ll)
	indexes.m[ll] = idx
	return idx
}

// indexLogs builds the index of ll.
func indexLogs(ll *loglist3.LogList) logIndex {
	out := logIndex{}
	if ll == nil {
		return out
	}
	add := func(op string, id, key []byte, desc string, st *loglist3.LogStates) {
		li := &logInfo{name: desc, operator: op, key: key, status: st.LogStatus()}
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
func (li *logInfo) trustedAt(ts time.Time) (bool, string) {
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
func (li *logInfo) stateName() string {
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
