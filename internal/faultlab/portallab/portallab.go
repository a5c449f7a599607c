// Package portallab runs loopback HTTP servers that answer a
// connectivity check the way real networks do: an open path (204), hotel
// and guest Wi-Fi portals (302 to a login page, a login page served in
// place, 511), a portal that fakes the 204, a server that never answers
// and one that sends an endless page.
package portallab

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Kind is a server behaviour.
type Kind string

// The behaviours.
const (
	// Online answers 204 and echoes the certwiz challenge header.
	Online Kind = "online"
	// Empty200 answers 200 with an empty body (Chromium: online).
	Empty200 Kind = "empty-200"
	// Redirect answers 302 to its own /portal/login page.
	Redirect Kind = "redirect"
	// Login serves the login page in place of the check (200, HTML with
	// a meta refresh to /portal/login).
	Login Kind = "login"
	// ScriptLogin serves a page that navigates by script to
	// /portal/login.
	ScriptLogin Kind = "script-login"
	// NetworkAuth answers 511 with a page linking /portal/login.
	NetworkAuth Kind = "511"
	// Fake204 answers 204 to everything and echoes nothing.
	Fake204 Kind = "fake-204"
	// Hang accepts the request and never answers.
	Hang Kind = "hang"
	// Huge answers 200 with an endless body.
	Huge Kind = "huge"
	// FirefoxSuccess answers 200 "success\n", as detectportal.firefox.com.
	FirefoxSuccess Kind = "firefox-success"
	// ServerError answers 500.
	ServerError Kind = "500"
)

// Kinds lists every behaviour.
var Kinds = []Kind{Online, Empty200, Redirect, Login, ScriptLogin, NetworkAuth, Fake204, Hang, Huge, FirefoxSuccess, ServerError}

// ChallengeHeader and ResponseHeader match package captive's challenge
// (duplicated here so the lab does not import the probe).
const (
	ChallengeHeader = "X-Certwiz-Challenge"
	ResponseHeader  = "X-Certwiz-Response"
)

// LoginPath is the portal's login page on every portal kind.
const LoginPath = "/portal/login"

// LoginPage is the HTML the Login kind serves in place of the check.
const LoginPage = `<!doctype html><html><head><title>Guest Wi-Fi</title>
<meta http-equiv="refresh" content="0; url=/portal/login?from=check"></head>
<body><p>Accept the terms to get online.</p><form action="/portal/login" method="post"><button>Accept</button></form></body></html>`

const scriptPage = `<html><body><script>window.location.href = "/portal/login?js=1";</script></body></html>`

const authPage = `<html><head><title>Network login required</title></head>
<body><p>Sign in at <a href="/portal/login">the login page</a>.</p>
<meta http-equiv="refresh" content="3;url=/portal/login"></body></html>`

// HugeChunk is written repeatedly by the Huge kind until the client goes.
var HugeChunk = bytes.Repeat([]byte("<p>advertisement</p>\n"), 1024)

// Server is one running lab server.
type Server struct {
	Kind Kind
	// URL is the connectivity-check URL (…/generate_204); LoginURL the
	// portal's login page.
	URL, LoginURL string

	srv     *httptest.Server
	quit    chan struct{}
	once    sync.Once
	mu      sync.Mutex
	headers []http.Header
}

// New starts a server of kind on 127.0.0.1. The caller must Close it.
func New(kind Kind) *Server {
	s := &Server{Kind: kind, quit: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + "/generate_204"
	s.LoginURL = s.srv.URL + LoginPath
	return s
}

// Start is New for a test: the server closes when the test ends.
func Start(t testing.TB, kind Kind) *Server {
	t.Helper()
	s := New(kind)
	t.Cleanup(s.Close)
	return s
}

// Close releases hanging requests and stops the server.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.quit)
		s.srv.Close()
	})
}

// Requests returns the headers of every request received so far.
func (s *Server) Requests() []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]http.Header(nil), s.headers...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.headers = append(s.headers, r.Header.Clone())
	s.mu.Unlock()
	if r.URL.Path == LoginPath {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, LoginPage)
		return
	}
	switch s.Kind {
	case Online:
		if c := r.Header.Get(ChallengeHeader); c != "" {
			w.Header().Set(ResponseHeader, "response "+c)
		}
		w.WriteHeader(http.StatusNoContent)
	case Empty200:
		w.WriteHeader(http.StatusOK)
	case Redirect:
		http.Redirect(w, r, LoginPath+"?orig=generate_204", http.StatusFound)
	case Login:
		html(w, http.StatusOK, LoginPage)
	case ScriptLogin:
		html(w, http.StatusOK, scriptPage)
	case NetworkAuth:
		html(w, http.StatusNetworkAuthenticationRequired, authPage)
	case Fake204:
		w.WriteHeader(http.StatusNoContent)
	case Hang:
		select {
		case <-r.Context().Done():
		case <-s.quit:
		}
	case Huge:
		w.Header().Set("Content-Type", "text/html")
		for {
			if _, err := w.Write(HugeChunk); err != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-s.quit:
				return
			default:
			}
		}
	case FirefoxSuccess:
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "success\n")
	default:
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}

func html(w http.ResponseWriter, status int, page string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, page)
}
