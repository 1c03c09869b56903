using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Web.Components.Pages.Admin;

/// <summary>
/// The settings page of the studio: each setting with its range and meaning and the live workflows that read it; save
/// (a new version, live at once), try the changes on past signals first, and restore an earlier version. Every change
/// goes through <see cref="SettingsStore"/>, as the API's do.
/// </summary>
public partial class Settings
{
    private SettingsVersion? _current;
    private List<SettingsVersion> _versions = [];
    private readonly Dictionary<string, double> _values = [];
    private Dictionary<string, string[]> _errors = [];
    private Dictionary<string, List<string>> _readBy = [];
    private int? _liveAnalyse, _confirmRestore;
    private string _comment = "";
    private string? _message;
    private bool _busy, _messageIsProblem;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SettingsStore>();
        _versions = await store.VersionsAsync(default);
        _current = _versions.FirstOrDefault() ?? await store.CurrentAsync(default);
        Reset();
        var live = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().PublishedAsync(default);
        _liveAnalyse = live.FirstOrDefault(d => d.DefinitionId == StageWorkflows.Analyse)?.Version;
        // A workflow that writes its own number instead of settings.x ignores the setting: say so beside it.
        _readBy = CrmSettings.Fields.ToDictionary(f => f.Name, f => live.Where(d => SettingReaders.Reads(d.Json, f.Name))
            .Select(d => $"{d.DefinitionId} v{d.Version}").ToList());
    }

    private Dictionary<string, double> Changes =>
        _current is null ? [] : _values.Where(v => v.Value != _current.Values[v.Key]).ToDictionary(v => v.Key, v => v.Value);

    private JsonObject ChangesJson
    {
        get
        {
            var json = new JsonObject();
            foreach (var (name, value) in Changes) json[name] = value;
            return json;
        }
    }

    private void Set(string name, double value)
    {
        _values[name] = value;
        _errors.Remove(name);
        _message = null;
    }

    private void Reset()
    {
        foreach (var f in CrmSettings.Fields) _values[f.Name] = _current!.Values[f.Name];
        _errors = [];
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var changes = ChangesJson;
            var (saved, _) = await scope.ServiceProvider.GetRequiredService<SettingsStore>().ChangeAsync(changes, await UserAsync(), _comment, _current!.Version, default);
            (_message, _messageIsProblem, _comment) = ($"Saved as version {saved.Version}: {saved.Values.ChangesFrom(_current!.Values)}. The next case uses it.", false, "");
            await LoadAsync();
        }
        catch (ValidationException v)
        {
            _errors = v.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
            (_message, _messageIsProblem) = ("Nothing was saved: fix the values marked below.", true);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved since this page loaded: show theirs, keep the admin's edits on top to look over and save again.
            var mine = Changes;
            await LoadAsync();
            foreach (var (name, value) in mine) _values[name] = value;
            (_message, _messageIsProblem) = ($"Not saved: {_current!.CreatedBy} saved version {_current.Version} while you were editing. Their values are below with your changes on top; check them and save again.", true);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RestoreAsync(int version)
    {
        _busy = true;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var saved = await scope.ServiceProvider.GetRequiredService<SettingsStore>().RestoreAsync(version, await UserAsync(), null, default);
            (_message, _messageIsProblem, _confirmRestore) = ($"Version {version}'s values are live again, as version {saved.Version}.", false, null);
            await LoadAsync();
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or KeyNotFoundException)
        {
            (_message, _messageIsProblem, _confirmRestore) = ($"Not restored: {e.Message}", true, null);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private string ChangedIn(SettingsVersion v)
    {
        var before = _versions.FirstOrDefault(o => o.Version < v.Version);
        return before is null ? "first version" : v.Values.ChangesFrom(before.Values) is { Length: > 0 } changes ? changes : "no change";
    }

    private async Task<string> UserAsync() => (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
}
