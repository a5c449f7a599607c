package wizard

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/certwiz/certwiz/steps"
)

// Model is the wizard's root Bubble Tea model. It holds the path (a
// steps.State) and the widgets that show it; probes run as tea.Cmds and
// their results come back as messages.
type Model struct {
	opts Options
	lang content.Lang
	s    steps.State

	cursor      int
	cursorMoved bool
	showHelp    bool
	status      string // last notice: saved, copied, invalid input
	quitting    bool
	saves       int      // reports saved (Options.MaxSaves)
	shownReport []string // the report in full, when saving writes no file

	width, height int
	keys          keyMap
	st            *styles
	vp            viewport.Model
	spin          spinner.Model
	spinning      bool
	input         lineInput

	// typed holds the digits typed so far when they could still grow
	// into a longer key ("1" on the room-code list, which has "100");
	// typedSeq tells the pause timer which typing it belongs to.
	typed    string
	typedSeq int

	ctx     context.Context
	cancel  context.CancelFunc
	cancels map[steps.Probe]context.CancelFunc

	// Cached renderings, rebuilt by refresh when something changes.
	header, optionsView, footer, notice string

	// started is set once Bubble Tea has set up the terminal and called
	// Init: a failure before that (a legacy Windows console) falls back
	// to the plain mode.
	started atomic.Bool
}

// New returns the wizard's root model.
func New(opts Options) *Model {
	ctx, cancel := context.WithCancel(context.Background())
	m := &Model{
		opts:    opts,
		lang:    opts.lang(),
		s:       steps.New(opts.Hosts),
		width:   opts.Width,
		height:  opts.Height,
		st:      newStyles(true),
		vp:      viewport.New(),
		spin:    spinner.New(spinner.WithSpinner(spinner.Line)),
		input:   lineInput{limit: 253},
		ctx:     ctx,
		cancel:  cancel,
		cancels: map[steps.Probe]context.CancelFunc{},
	}
	if m.width <= 0 {
		m.width = 80
	}
	if m.height <= 0 {
		m.height = 24
	}
	m.vp.SoftWrap = false
	m.vp.KeyMap = viewport.KeyMap{} // the model routes scroll keys itself
	m.keys = newKeyMap(m.lang)
	m.refresh()
	return m
}

// State returns the path so far.
func (m *Model) State() steps.State { return m.s }

// Lang returns the language currently shown.
func (m *Model) Lang() content.Lang { return m.lang }

// Init asks for the background colour (for the light or dark palette).
func (m *Model) Init() tea.Cmd {
	m.started.Store(true)
	return tea.RequestBackgroundColor
}

// Update handles keys, window changes and probe results.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.refresh()
	case tea.BackgroundColorMsg:
		m.st = newStyles(msg.IsDark())
		m.refresh()
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	case typedPauseMsg:
		return m, m.typingPaused(msg.seq)
	case tea.PasteMsg:
		if m.s.Screen == steps.ScreenRoomDomain && m.input.Update(msg) {
			m.refresh()
		}
	case clockMsg:
		return m, m.apply(steps.ClockResult{Run: msg.run, Facts: msg.facts})
	case networkMsg:
		return m, m.apply(steps.NetworkResult{Run: msg.run, Facts: msg.facts})
	case targetMsg:
		return m, tea.Batch(m.apply(steps.TargetResult{Run: msg.run, Facts: msg.facts}), nextTarget(msg.run, msg.next))
	case targetsDoneMsg:
		return m, m.apply(steps.TargetsDone{Run: msg.run})
	case savedMsg:
		if msg.err != nil {
			m.status = content.Msg(m.lang, "ui.save-failed", map[string]string{"error": sanitize.Text(msg.err.Error())})
		}
		if len(msg.paths) > 0 {
			m.status = content.Msg(m.lang, "ui.saved", map[string]string{"path": sanitize.Text(strings.Join(msg.paths, ", "))})
		}
		m.refresh()
	case reportShownMsg:
		m.status = content.Msg(m.lang, "ui.save-nofile", nil)
		m.shownReport = reportLines(msg.markdown, max(10, min(m.width-2, maxTextWidth)))
		m.vp.GotoTop()
		m.refresh()
		return m, tea.SetClipboard(msg.markdown)
	case copyReadyMsg:
		m.status = content.Msg(m.lang, "ui.copied", nil)
		m.refresh()
		return m, tea.SetClipboard(msg.markdown)
	case spinner.TickMsg:
		if !m.s.Running() {
			m.spinning = false // stop ticking: nothing animates when idle
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	return m, nil
}

// apply moves the path with ev and starts whatever probes it needs.
func (m *Model) apply(ev steps.Event) tea.Cmd {
	prev := m.s
	m.s = steps.Next(prev, ev)
	var cmds []tea.Cmd
	for _, p := range steps.Probes {
		if old := prev.Run(p); old.Status == steps.Running && m.s.Run(p) != old {
			if c := m.cancels[p]; c != nil {
				c() // superseded or finished: release it
				delete(m.cancels, p)
			}
		}
	}
	started := steps.Started(prev, m.s)
	beginGroups(m.opts.Engine, started)
	for _, p := range started {
		ctx, cancel := context.WithCancel(m.ctx)
		m.cancels[p] = cancel
		id := m.s.Run(p).ID
		switch p {
		case steps.ProbeClock:
			cmds = append(cmds, clockCmd(ctx, m.opts.Engine, id))
		case steps.ProbeNetwork:
			cmds = append(cmds, networkCmd(ctx, m.opts.Engine, id))
		case steps.ProbeTargets:
			cmds = append(cmds, targetsCmd(ctx, m.opts.Engine, id, m.s.TargetHosts))
		}
	}
	if prev.Screen != m.s.Screen {
		m.typed = ""
		m.cursorMoved = false
		m.status = ""
		m.showHelp = false
		m.vp.GotoTop()
		if m.s.Screen == steps.ScreenRoomDomain {
			m.input.SetValue(m.s.RoomDomain)
		}
	}
	if !m.cursorMoved || m.cursor >= len(m.options()) {
		m.cursor = preselected(m.s)
	}
	if m.s.Running() && !m.spinning {
		m.spinning = true
		cmds = append(cmds, m.spin.Tick)
	}
	m.refresh()
	return tea.Batch(cmds...)
}

func (m *Model) options() []option { return options(m.lang, m.s, true) }

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	typing := m.s.Screen == steps.ScreenRoomDomain
	if !(key.Matches(msg, k.Number) && !typing && !m.showHelp) {
		m.typed = "" // any other key ends the typing of a number
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Back):
		if m.shownReport != nil {
			m.shownReport, m.status = nil, ""
			m.refresh()
			return nil
		}
		if m.showHelp {
			m.showHelp = false
			m.refresh()
			return nil
		}
		return m.apply(steps.Back{})
	case typing && msg.String() == "enter":
		raw := m.input.Value()
		if strings.TrimSpace(raw) != "" && steps.NormalizeDomain(raw) == "" {
			m.status = content.Msg(m.lang, "ui.domain.invalid", nil)
			m.refresh()
			return nil
		}
		return m.apply(steps.EnterDomain{Domain: raw})
	case typing:
		if m.input.Update(msg) {
			m.status = ""
			m.refresh()
		}
		return nil
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.vp.GotoTop()
		m.refresh()
	case key.Matches(msg, k.Lang):
		m.lang = nextLang(m.lang)
		m.keys = newKeyMap(m.lang)
		m.status = ""
		m.refresh()
	case key.Matches(msg, k.Up):
		if m.cursor > 0 {
			m.cursor--
			m.cursorMoved = true
			m.refresh()
		}
	case key.Matches(msg, k.Down):
		if m.cursor < len(m.options())-1 {
			m.cursor++
			m.cursorMoved = true
			m.refresh()
		}
	case key.Matches(msg, k.ScrollUp):
		m.vp.PageUp()
	case key.Matches(msg, k.ScrollDown):
		m.vp.PageDown()
	case key.Matches(msg, k.Number):
		if m.showHelp {
			return nil
		}
		return m.typeDigit(msg.Text)
	case key.Matches(msg, k.Select):
		// After digits, the cursor is on the option they selected.
		if opts := m.options(); m.cursor < len(opts) {
			return m.choose(opts[m.cursor])
		}
	case key.Matches(msg, k.Save):
		return saveAction(m.opts, m.lang, m.s, &m.saves)
	case key.Matches(msg, k.Copy):
		return copyCmd(m.opts.Engine, m.lang, m.s)
	case key.Matches(msg, k.Rerun):
		return m.apply(steps.Choose{Choice: steps.ChooseRerun})
	}
	return nil
}

// typeAheadPause is how long the wizard waits after a digit that could
// start a longer key ("1" or "10" on the room-code list) before it takes
// what was typed.
const typeAheadPause = 800 * time.Millisecond

// typedPauseMsg is the pause timer's tick for typing number seq.
type typedPauseMsg struct{ seq int }

// typeDigit adds d to the digits typed. A key only these digits can
// mean is chosen at once; while a longer key is still possible the
// cursor moves to the best match and a pause (or Enter) decides.
func (m *Model) typeDigit(d string) tea.Cmd {
	opts := m.options()
	buf := m.typed + d
	prefixed, exact := keyMatches(opts, buf)
	if len(prefixed) == 0 { // start again from this digit
		buf = d
		prefixed, exact = keyMatches(opts, buf)
	}
	if len(prefixed) == 0 {
		m.typed = ""
		m.refresh()
		return nil
	}
	if exact >= 0 && len(prefixed) == 1 {
		m.typed = ""
		m.cursor = exact
		return m.choose(opts[exact])
	}
	m.typed = buf
	m.typedSeq++
	m.cursor = prefixed[0]
	if exact >= 0 {
		m.cursor = exact
	}
	m.cursorMoved = true
	m.refresh()
	seq := m.typedSeq
	return tea.Tick(typeAheadPause, func(time.Time) tea.Msg { return typedPauseMsg{seq: seq} })
}

// typingPaused takes the digits typed when nothing followed them for
// typeAheadPause: the option whose key they are, if any.
func (m *Model) typingPaused(seq int) tea.Cmd {
	if seq != m.typedSeq || m.typed == "" {
		return nil // typing went on, or ended another way
	}
	opts := m.options()
	_, exact := keyMatches(opts, m.typed)
	m.typed = ""
	if exact < 0 {
		m.refresh()
		return nil
	}
	m.cursor = exact
	return m.choose(opts[exact])
}

// nextLang is the language the switch key goes to: the next one.
func nextLang(l content.Lang) content.Lang {
	langs := content.Langs()
	i := slices.Index(langs, l)
	return langs[(i+1)%len(langs)]
}

func (m *Model) choose(o option) tea.Cmd {
	switch o.action {
	case actSave:
		return saveAction(m.opts, m.lang, m.s, &m.saves)
	case actCopy:
		return copyCmd(m.opts.Engine, m.lang, m.s)
	}
	return m.apply(steps.Choose{Choice: o.choice})
}

// quit stops every probe and ends the program; the last frame leaves
// the alternate screen so the verdict stays in the scrollback.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.cancel()
	return tea.Quit
}
