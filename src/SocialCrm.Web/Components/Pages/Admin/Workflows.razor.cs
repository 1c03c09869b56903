using System.Text.Json;
using BlazorMonaco;
using BlazorMonaco.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Stages.Workflows;
using SocialCrm.Web.Components.Studio;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Web.Components.Pages.Admin;

/// <summary>
/// The workflow studio: a stage's workflow drawn, its versions, the draft in a code editor checked as the admin types,
/// a comparison of any two versions, and publishing. Every change goes through <see cref="WorkflowDefinitionStore"/>,
/// the same as the API, so it is validated and audited the same way.
/// </summary>
public partial class Workflows
{
    private const int DraftTab = 0, VersionsTab = 1, BacktestTab = 2, CompareTab = 3;

    [Parameter] public string? DefinitionId { get; set; }
    [Inject] private DraftCheck Checker { get; set; } = null!;

    private string Id => DefinitionId ?? StageWorkflows.Listen;
    private string? _loadedId;
    private List<WorkflowDefinitionRecord>? _versions;
    private WorkflowDefinitionRecord? _live, _draft;
    private readonly Dictionary<int, WorkflowDefinition> _parsedVersions = [];

    private int _tab;
    private bool _editorReady, _edited, _busy, _confirmDiscard, _messageIsProblem;
    private StandaloneCodeEditor? _editor;
    private StandaloneDiffEditor? _diff;
    private TextModel? _diffOriginal, _diffModified;
    private string _baseline = "", _text = "", _comment = "";
    private string? _message;
    private WorkflowDefinition? _typed;
    private IReadOnlyList<DraftError> _errors = [];
    private string[] _decorations = [];
    private int? _shown;
    private int _from, _to;
    /// <summary>The version row asking to confirm a re-publish (Republish) or a revert into the draft.</summary>
    private (int Version, bool Republish)? _confirmRow;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedId == Id || !StageWorkflows.All.Contains(Id)) return;
        _loadedId = Id;
        _parsedVersions.Clear();
        (_message, _shown, _confirmDiscard, _comment, _tab, _confirmRow) = (null, null, false, "", DraftTab, null);
        await LoadAsync();
        SetText(_draft?.Json ?? _live?.Json ?? "");
        await ShowTextAsync();
    }

    /// <summary>
    /// Puts the text into the editor when the Draft tab shows it. The tabs render only the one selected, so on another
    /// tab the editor is gone; it is made again from the text when the Draft tab opens.
    /// </summary>
    private async Task ShowTextAsync()
    {
        if (_tab != DraftTab || _editor is null) return;
        try
        {
            await _editor.SetValue(_text);
            await DecorateAsync();
        }
        catch (JSException)
        {
            // The editor went with its tab; the next one starts from _text.
        }
    }

    private void TabChanged(int tab)
    {
        _tab = tab;
        // Editors of a tab that is no longer shown are disposed with it.
        if (tab != DraftTab) (_editor, _decorations) = (null, []);
        if (tab != CompareTab) (_diff, _diffOriginal, _diffModified) = (null, null, null);
    }

    private async Task DiffReadyAsync()
    {
        (_diffOriginal, _diffModified) = (null, null);
        await CompareAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        await JS.InvokeAsync<bool>("socialCrm.loadEditor");
        _editorReady = true;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        _versions = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().VersionsAsync(Id, default);
        _live = _versions.SingleOrDefault(v => v.IsPublished);
        _draft = _versions.SingleOrDefault(v => v.IsDraft);
        // Compare what would change next: the draft against the live version, else the live one against the one before it.
        var to = _draft ?? _live ?? _versions.Last();
        var from = _draft is not null && _live is not null ? _live : _versions.Where(v => v.Version < to.Version).LastOrDefault() ?? to;
        (_from, _to) = (from.Version, to.Version);
        await CompareAsync();
    }

    /// <summary>Puts a text in the editor as its unchanged starting point, and checks it.</summary>
    private void SetText(string text)
    {
        _baseline = _text = text;
        _edited = false;
        (_typed, _errors) = Checker.Check(_text, Id);
    }

    private StandaloneEditorConstructionOptions EditorOptions(StandaloneCodeEditor editor) => new()
    {
        AutomaticLayout = true,
        Language = "json",
        Value = _text,
        GlyphMargin = true,
        Minimap = new EditorMinimapOptions { Enabled = false },
        ScrollBeyondLastLine = false,
        FontSize = 13,
        TabSize = 2,
    };

    private StandaloneDiffEditorConstructionOptions DiffOptions(StandaloneDiffEditor editor) => new()
    {
        AutomaticLayout = true,
        ReadOnly = true,
        OriginalEditable = false,
        RenderSideBySide = false,
        ScrollBeyondLastLine = false,
        Minimap = new EditorMinimapOptions { Enabled = false },
    };

    private async Task EditorChangedAsync(ModelContentChangedEvent _)
    {
        _text = await _editor!.GetValue();
        _edited = _text != _baseline;
        (_typed, _errors) = Checker.Check(_text, Id);
        await DecorateAsync();
    }

    /// <summary>Each error's line marked in the editor, with the error as the line's hover text.</summary>
    private async Task DecorateAsync()
    {
        if (_editor is null) return;
        var marks = _errors.Select(e => new ModelDeltaDecoration
        {
            Range = new BlazorMonaco.Range(e.Line, 1, e.Line, 1),
            Options = new ModelDecorationOptions
            {
                IsWholeLine = true,
                ClassName = "editor-error-line",
                GlyphMarginClassName = "editor-error-glyph",
                HoverMessage = [new MarkdownString { Value = $"{e.Path}: {e.Message}" }],
                GlyphMarginHoverMessage = [new MarkdownString { Value = e.Message }],
            },
        }).ToArray();
        _decorations = await _editor.DeltaDecorations(_decorations, marks);
    }

    private async Task RevealAsync(DraftError error)
    {
        if (_editor is null) return;
        await _editor.RevealLineInCenter(error.Line);
        await _editor.SetPosition(new Position { LineNumber = error.Line, Column = error.Column }, "errors");
        await _editor.Focus();
    }

    private async Task<string> UserAsync() => (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";

    private async Task SaveAsync()
    {
        if (_typed is null)
        {
            Say($"Nothing saved: the text is not a workflow yet ({_errors.FirstOrDefault()?.Message}). Fix it and save again.", problem: true);
            return;
        }
        await RunAsync(async store =>
        {
            var (draft, errors) = await store.SaveDraftAsync(_typed, await UserAsync(), default);
            await LoadAsync();
            SetText(draft.Json);
            await ShowTextAsync();
            Say(errors.Count == 0 ? $"Saved draft v{draft.Version}. It is valid and can be published." : $"Saved draft v{draft.Version} as work in progress with {errors.Count} {(errors.Count == 1 ? "error" : "errors")}; fix {(errors.Count == 1 ? "it" : "them")} to publish it.", problem: errors.Count > 0);
        });
    }

    private Task PublishAsync(int version) => RunAsync(async store =>
    {
        await store.PublishAsync(Id, version, await UserAsync(), _comment, default);
        (_comment, _confirmDiscard) = ("", false);
        await LoadAsync();
        SetText(_draft?.Json ?? _live!.Json);
        await ShowTextAsync();
        Say($"Version {version} is now what the {Id} stage runs. Cases already under way stay on the version they started with.");
    });

    private Task RevertAsync(int version) => RunAsync(async store =>
    {
        var draft = await store.RevertAsync(Id, version, await UserAsync(), null, default);
        await LoadAsync();
        SetText(draft.Json);
        TabChanged(DraftTab);
        Say($"Draft v{draft.Version} now holds version {version}'s content. Publish it to make it live.");
    });

    private Task DiscardAsync() => RunAsync(async store =>
    {
        var discarded = await store.DiscardDraftAsync(Id, await UserAsync(), default);
        _confirmDiscard = false;
        await LoadAsync();
        SetText(_live?.Json ?? "");
        await ShowTextAsync();
        Say($"Draft v{discarded.Version} discarded.");
    });

    private async Task RunAsync(Func<WorkflowDefinitionStore, Task> work)
    {
        (_busy, _confirmRow) = (true, null);
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            await work(scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>());
        }
        catch (WorkflowValidationException e)
        {
            Say($"Not published: {string.Join("; ", e.Errors.Select(x => $"{x.Path}: {x.Message}"))}", problem: true);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or JsonException)
        {
            Say(e.Message, problem: true);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            await LoadAsync();
            Say("Someone else changed this workflow at the same moment; the versions are reloaded. Check them and try again.", problem: true);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Say(string message, bool problem = false) => (_message, _messageIsProblem) = (message, problem);

    private async Task CompareAsync()
    {
        if (_diff is null || _versions is null) return;
        var original = Record(_from)?.Json ?? "";
        var modified = Record(_to)?.Json ?? "";
        if (_diffOriginal is null || _diffModified is null)
        {
            _diffOriginal = await Global.CreateModel(original, "json");
            _diffModified = await Global.CreateModel(modified, "json");
            await _diff.SetModel(new DiffEditorModel { Original = _diffOriginal, Modified = _diffModified });
        }
        else
        {
            await _diffOriginal.SetValue(original);
            await _diffModified.SetValue(modified);
        }
        // Bring the first changed activity into view rather than the unchanged top of the file.
        if (Parsed(_from) is { } before && Parsed(_to) is { } after
            && after.Activities.FindIndex(a => WorkflowDiff.Between(before, after).All.Contains(a.Id)) is var first and >= 0)
        {
            var (line, _) = JsonPathLocator.Locate(modified, $"$.activities[{first}]");
            await _diff.ModifiedEditor.RevealLineInCenter(line);
        }
    }

    private WorkflowDefinitionRecord? Record(int version) => _versions?.SingleOrDefault(v => v.Version == version);

    private WorkflowDefinition? Parsed(int version)
    {
        if (_parsedVersions.TryGetValue(version, out var known) && Record(version) is { IsDraft: false }) return known;
        return Record(version) is { } record ? _parsedVersions[version] = WorkflowJson.Parse(record.Json) : null;
    }

    private WorkflowDefinition? DrawnDefinition => _tab switch
    {
        DraftTab or BacktestTab => _typed,
        CompareTab => Parsed(_to),
        _ => Parsed(_shown ?? _live?.Version ?? 0),
    };

    private IReadOnlySet<string> DrawnChanges => _tab switch
    {
        DraftTab or BacktestTab when _typed is not null && _live is not null => WorkflowDiff.Between(Parsed(_live.Version)!, _typed).All,
        CompareTab when Parsed(_from) is { } from && Parsed(_to) is { } to => WorkflowDiff.Between(from, to).All,
        _ => new HashSet<string>(),
    };

    private IReadOnlySet<string> DrawnErrors => _tab == DraftTab ? _errors.Where(e => e.ActivityId is not null).Select(e => e.ActivityId!).ToHashSet() : new HashSet<string>();

    private string DrawingTitle => _tab switch
    {
        DraftTab or BacktestTab => _edited ? "Your edit, as typed" : _draft is { } d ? $"Draft v{d.Version}" : $"v{_live?.Version} (live)",
        CompareTab => $"v{_to}, compared with v{_from}",
        _ => _shown is { } v && v != _live?.Version ? $"v{v}" : $"v{_live?.Version} (live)",
    };

    private string CompareSummary
    {
        get
        {
            if (Parsed(_from) is not { } from || Parsed(_to) is not { } to) return "";
            if (_from == _to) return "Choose two different versions.";
            var diff = WorkflowDiff.Between(from, to);
            if (diff.None) return $"No activity differs between v{_from} and v{_to}.";
            var parts = new List<string>();
            if (diff.Changed.Count > 0) parts.Add($"changed: {string.Join(", ", diff.Changed.Order())}");
            if (diff.Added.Count > 0) parts.Add($"added: {string.Join(", ", diff.Added.Order())}");
            if (diff.Removed.Count > 0) parts.Add($"removed: {string.Join(", ", diff.Removed.Order())}");
            return $"From v{_from} to v{_to}, " + string.Join("; ", parts) + ".";
        }
    }

    private static string State(WorkflowDefinitionRecord v) => v.IsDraft ? "draft" : v.IsDiscarded ? "discarded" : v.IsPublished ? "live" : "published";

    private string Published(WorkflowDefinitionRecord v) =>
        v.PublishedAt is { } at ? $", published {Viewer.Format(at)} by {v.PublishedBy}{(v.Comment is { } c ? $" (\u201c{c}\u201d)" : "")}" : "";
}
