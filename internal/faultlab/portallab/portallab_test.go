package portallab

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServersListenOnLoopbackOnly(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds {
		s := Start(t, k)
		if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || !strings.HasSuffix(s.LoginURL, LoginPath) {
			t.Fatalf("%s: URL %q LoginURL %q", k, s.URL, s.LoginURL)
		}
	}
}

func TestCloseReleasesHangingRequest(t *testing.T) {
	t.Parallel()
	s := New(Hang)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
	if _, err := (&http.Client{Transport: &http.Transport{}}).Do(req); err == nil {
		t.Fatal("hanging server answered")
	}
	s.Close() // must return: the handler is released
	s.Close()
}

func TestLoginPageServedByEveryPortal(t *testing.T) {
	t.Parallel()
	s := Start(t, Redirect)
	resp, err := (&http.Client{Transport: &http.Transport{}}).Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != LoginPath {
		t.Fatalf("following the redirect ended at %s with %d", resp.Request.URL, resp.StatusCode)
	}
}
