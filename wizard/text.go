package wizard

import (
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/certwiz/certwiz/steps"
)

// This file builds what a screen says, as plain text, for both the TUI
// and the plain mode: the page body, the option labels and the detail
// lines (probe results). Renderers only add style.

// mark is the status a detail line carries, always shown as a symbol and
// a word so colour never carries meaning alone.
type mark int

const (
	markNone mark = iota
	markOK
	markWarn
	markFail
	markUnknown
	markRunning
)

func (k mark) symbol() string {
	switch k {
	case markOK:
		return "✓"
	case markWarn:
		return "!"
	case markFail:
		return "✗"
	case markUnknown:
		return "?"
	case markRunning:
		return "…"
	}
	return ""
}

func (k mark) word(lang content.Lang) string {
	switch k {
	case markOK:
		return content.Msg(lang, "status.ok", nil)
	case markWarn:
		return content.Msg(lang, "status.warning", nil)
	case markFail:
		return content.Msg(lang, "status.fail", nil)
	case markUnknown:
		return content.Msg(lang, "status.unknown", nil)
	case markRunning:
		return content.Msg(lang, "status.running", nil)
	}
	return ""
}

// line is one detail line under (or above) a page body. heading lines
// start a section; indent nests a line under the previous one.
type line struct {
	mark    mark
	text    string
	heading bool
	indent  bool
}

// action is an option the UI adds to a screen's steps.Options: saving
// or copying the report on the summary screen.
type action string

const (
	actSave action = "save"
	actCopy action = "copy"
)

// option is one entry of a screen's choice list.
type option struct {
	choice steps.Choice // "" for a UI action
	action action
	label  string
	// key is what a person types to choose it: the position ("1"), or
	// on the room-code list the code itself ("100"; "0" for "don't know").
	key string
}

// options returns the current screen's choices with their labels; the
// summary also offers save (and copy, when withCopy).
func options(lang content.Lang, s steps.State, withCopy bool) []option {
	var out []option
	for _, c := range steps.Options(s) {
		out = append(out, option{choice: c, label: choiceLabel(lang, c)})
	}
	if s.Screen == steps.ScreenSummary {
		extra := []option{{action: actSave, label: content.Msg(lang, "ui.save", nil)}}
		if withCopy {
			extra = append(extra, option{action: actCopy, label: content.Msg(lang, "ui.copy", nil)})
		}
		// After "show the fix", before "run again".
		out = append(out[:1], append(extra, out[1:]...)...)
	}
	for i := range out {
		out[i].key = strconv.Itoa(i + 1)
		if s.Screen != steps.ScreenRoomCode {
			continue
		}
		switch code, ok := out[i].choice.Code(); {
		case ok && code == findings.CodeNone:
			out[i].key = "0"
		case ok:
			out[i].key = strconv.Itoa(int(code))
			out[i].label = codePick(lang, code)
		}
	}
	return out
}

// keyMatches returns the options whose key starts with typed, and the
// index of the one whose key is exactly typed (-1 if none).
func keyMatches(opts []option, typed string) (prefixed []int, exact int) {
	exact = -1
	for i, o := range opts {
		if strings.HasPrefix(o.key, typed) {
			prefixed = append(prefixed, i)
			if o.key == typed {
				exact = i
			}
		}
	}
	return prefixed, exact
}

// preselected maps steps.Preselected onto the options list.
func preselected(s steps.State) int { return steps.Preselected(s) }

func choiceLabel(lang content.Lang, c steps.Choice) string {
	if n, ok := c.Network(); ok {
		if n == steps.NetUnknown {
			return content.Msg(lang, "ui.net.unsure", nil)
		}
		return content.Msg(lang, "ui.net."+string(n), nil)
	}
	if code, ok := c.Code(); ok {
		if code == findings.CodeNone {
			return content.Msg(lang, "ui.code.unknown", nil)
		}
		return codeTitle(lang, code)
	}
	switch c {
	case steps.ChoosePersonal, steps.ChooseRoom, steps.ChooseHaveCode, steps.ChooseQuick:
		return content.Msg(lang, "ui.start."+string(c), nil)
	case steps.ChooseRoomComputer, steps.ChooseNearbyComputer:
		return content.Msg(lang, "ui.room-where."+string(c), nil)
	case steps.ChooseContinue:
		return content.Msg(lang, "ui.continue", nil)
	case steps.ChooseCheckAgain:
		return content.Msg(lang, "ui.check-again", nil)
	case steps.ChooseRemedy:
		return content.Msg(lang, "ui.show-remedy", nil)
	case steps.ChooseSummary:
		return content.Msg(lang, "ui.show-summary", nil)
	case steps.ChooseRerun:
		return content.Msg(lang, "ui.rerun", nil)
	case steps.ChooseRestart:
		return content.Msg(lang, "ui.restart", nil)
	}
	return string(c)
}

// productName names an interception product for people: a product
// guessed from the CA's name says so in the language shown; none is "a
// security product".
func productName(lang content.Lang, raw string) string {
	return sanitize.Text(content.ProductName(lang, raw))
}

// sourceName is the clock's reference in words ("a time server (NTP)").
func sourceName(lang content.Lang, src string) string {
	if src == "" {
		src = "none"
	}
	if k := "clock.source." + src; content.HasMsg(lang, k) {
		return content.Msg(lang, k, nil)
	}
	return sanitize.Text(src)
}

// codePick is the room-code picker's label: the article's title for the
// code, then our short explanation.
func codePick(lang content.Lang, c findings.Code) string {
	n := strconv.Itoa(int(c))
	return content.Msg(lang, "ui.code.pick", map[string]string{
		"title": content.Msg(lang, "code.title."+n, nil),
		"gist":  content.Msg(lang, "code.gist."+n, nil),
	})
}

// codeTitle is "6: Certificate issuer not trusted".
func codeTitle(lang content.Lang, c findings.Code) string {
	return content.Msg(lang, "ui.code.title", map[string]string{
		"code":  strconv.Itoa(int(c)),
		"title": content.Msg(lang, "code.title."+strconv.Itoa(int(c)), nil),
	})
}

func netName(lang content.Lang, n steps.NetworkType) string {
	if n == "" {
		n = steps.NetUnknown
	}
	return content.Msg(lang, "net.type."+string(n), nil)
}

// pageArgs are the decision's placeholders, sanitized, with the network
// type localized and a missing product named generically.
func pageArgs(lang content.Lang, s steps.State) map[string]string {
	raw := steps.PageArgs(s)
	a := make(map[string]string, len(raw))
	for k, v := range raw {
		a[k] = sanitize.Text(v)
	}
	a["network"] = netName(lang, steps.NetworkType(raw["network"]))
	a["product"] = productName(lang, raw["product"])
	// Values for people: the time in the local zone, the difference in
	// words, the reference named in the language shown.
	c := s.Clock
	a["offset"] = content.Duration(lang, c.Offset)
	a["source"] = sourceName(lang, c.Source)
	a["local_time"] = content.Time(lang, c.Local)
	if !c.Local.IsZero() && !c.Reference.IsZero() {
		a["reference_time"] = content.Time(lang, c.Reference.In(c.Local.Location()))
	} else {
		a["reference_time"] = ""
	}
	if a["landing_url"] == "" {
		a["landing_url"] = content.Msg(lang, "ui.portal.no-url", nil)
	}
	return a
}

// pageBody is the Markdown body of the current screen.
func pageBody(lang content.Lang, s steps.State) string {
	body := content.Page(lang, steps.PageID(s), pageArgs(lang, s))
	if s.Screen == steps.ScreenRemedy {
		// The article's Zoom Rooms steps follow the remedy on a room.
		if rooms := s.Decision().RoomsPage; rooms != "" {
			body = strings.TrimRight(body, "\n") + "\n\n" + content.Page(lang, rooms, nil)
		}
	}
	return body
}

func running(lang content.Lang, what string) line {
	return line{mark: markRunning, text: content.Msg(lang, "ui.running", map[string]string{
		"what": content.Msg(lang, "ui.what."+what, nil),
	})}
}
