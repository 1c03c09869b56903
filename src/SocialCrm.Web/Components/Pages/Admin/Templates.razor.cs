using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Templates;
using SocialCrm.Stages.Templates;

namespace SocialCrm.Web.Components.Pages.Admin;

/// <summary>
/// The reply templates page of the studio: the list, and one template's editor with its placeholders checked as the
/// admin types, a preview against a real case, and its versions. Changes go through <see cref="ReplyTemplateStore"/>,
/// as the API's do, so they are validated, versioned and audited the same way.
/// </summary>
public partial class Templates
{
    private const string New = "new";

    [Parameter] public string? Key { get; set; }

    private List<ReplyTemplate>? _templates;
    private ReplyTemplate? _editing;
    private List<ReplyTemplateVersion> _versions = [];
    private List<PreviewCase> _cases = [];
    private TemplateForm _form = Blank;
    private IReadOnlyList<string> _fieldErrors = [];
    private TemplatePreview? _preview;
    private Guid? _caseId;
    private string _language = "all", _intent = "all", _comment = "";
    private string? _message, _loadProblem, _loadedKey;
    private bool _showRetired, _busy, _dirty, _confirmRetire, _messageIsProblem;
    private int _previewAsked;

    private static TemplateForm Blank => new() { Intent = "question", Language = "en", Kind = TemplateKinds.Standard, Text = "Hi {name}, " };

    /// <summary>What the editor holds; saved as a <see cref="ReplyTemplateInput"/>.</summary>
    private sealed class TemplateForm
    {
        public string Intent { get; set; } = "";
        public string Language { get; set; } = "en";
        public string Kind { get; set; } = TemplateKinds.Standard;
        public string Text { get; set; } = "";
        public ReplyTemplateInput Input(string? comment, int? version) => new(Intent, Language, Kind, Text, comment, null, version);
    }

    private List<ReplyTemplate> Shown => (_templates ?? []).Where(t => (_showRetired || !t.Retired) && (_language == "all" || t.Language == _language) && (_intent == "all" || t.Intent == _intent)).ToList();

    protected override async Task OnParametersSetAsync()
    {
        _templates ??= await ListAsync();
        if (Key == _loadedKey) return;
        (_loadedKey, _loadProblem, _confirmRetire, _comment, _caseId, _preview) = (Key, null, false, "", null, null);
        if (Key is null) return;
        if (Key == New)
        {
            (_editing, _versions, _form, _dirty) = (null, [], Blank, true);
        }
        else
        {
            await using var scope = Scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ReplyTemplateStore>();
            try
            {
                _editing = await store.GetAsync(Key, default);
                _versions = await store.VersionsAsync(Key, default);
            }
            catch (KeyNotFoundException)
            {
                _loadProblem = $"There is no reply template '{Key}'. Pick one from the list, or make a new one.";
                return;
            }
            (_form, _dirty) = (new TemplateForm { Intent = _editing.Intent, Language = _editing.Language, Kind = _editing.Kind, Text = _editing.Text }, false);
        }
        // A problem said about the template left behind does not belong to this one; a success message (just saved) does.
        if (_messageIsProblem) _message = null;
        Check();
        await LoadCasesAsync();
        await PreviewAsync();
    }

    private async Task<List<ReplyTemplate>> ListAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReplyTemplateStore>().ListAsync(default);
    }

    private async Task LoadCasesAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        _cases = await scope.ServiceProvider.GetRequiredService<TemplatePreviews>().CasesAsync(_form.Language, 20, default);
        if (_caseId is { } id && _cases.All(c => c.CaseId != id)) _caseId = null;
    }

    private async Task Change(Action change)
    {
        change();
        _dirty = true;
        Check();
        await PreviewAsync();
    }

    private async Task ChangeLanguage(string language)
    {
        _form.Language = language;
        _dirty = true;
        await LoadCasesAsync();
        await PreviewAsync();
    }

    private async Task TextChangedAsync()
    {
        _dirty = true;
        Check();
        await PreviewAsync();
    }

    private async Task InsertAsync(string placeholder)
    {
        var text = _form.Text;
        _form.Text = text + (text.Length == 0 || text.EndsWith(' ') ? "" : " ") + $"{{{placeholder}}}";
        await TextChangedAsync();
    }

    private async Task IntoEditorAsync(ReplyTemplateVersion version)
    {
        (_form.Intent, _form.Language, _form.Kind, _form.Text) = (version.Intent, version.Language, version.Kind, version.Text);
        _comment = $"back to v{version.Version}";
        await TextChangedAsync();
    }

    /// <summary>The same checks as saving: placeholders as the admin types, the rest from the validator.</summary>
    private void Check()
    {
        var result = new ReplyTemplateInputValidator().Validate(_form.Input(null, null));
        _fieldErrors = [.. result.Errors.Select(e => e.ErrorMessage)];
    }

    /// <summary>
    /// The preview of what is in the editor now. Typing starts one per keystroke and they may finish out of order:
    /// only the newest one's answer is shown.
    /// </summary>
    private async Task PreviewAsync()
    {
        var asked = ++_previewAsked;
        if (string.IsNullOrWhiteSpace(_form.Text)) { _preview = null; return; }
        await using var scope = Scopes.CreateAsyncScope();
        try
        {
            var preview = await scope.ServiceProvider.GetRequiredService<TemplatePreviews>().PreviewAsync(_form.Text, _form.Language, _form.Kind, _caseId, default);
            if (asked == _previewAsked) _preview = preview;
        }
        catch (KeyNotFoundException)
        {
            // The case chosen is gone (erased): preview against the latest one instead.
            _caseId = null;
        }
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ReplyTemplateStore>();
            var user = await UserAsync();
            var input = _form.Input(_comment, _editing?.Version);
            var saved = _editing is null ? await store.CreateAsync(input, user, default) : await store.UpdateAsync(_editing.Key, input, user, default);
            (_message, _messageIsProblem) = ($"Saved {saved.Key} as version {saved.Version}. New cases are drafted from it.", false);
            _templates = await ListAsync();
            _loadedKey = null;
            if (_editing is null) Navigation.NavigateTo($"/admin/templates/{saved.Key}");
            else await OnParametersSetAsync();
        }
        catch (ValidationException v)
        {
            (_message, _messageIsProblem) = ("Nothing was saved: " + string.Join(" ", v.Errors.Select(e => e.ErrorMessage)), true);
        }
        catch (DbUpdateConcurrencyException)
        {
            (_message, _messageIsProblem) = ("Someone else saved this template while you were editing: it was not saved. Copy your text, reload the page and apply it again.", true);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetireOrRestoreAsync()
    {
        _busy = true;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ReplyTemplateStore>();
            var saved = _editing!.Retired
                ? await store.RestoreAsync(_editing.Key, await UserAsync(), _comment, default)
                : await store.RetireAsync(_editing.Key, await UserAsync(), _comment, default);
            (_message, _messageIsProblem) = (saved.Retired ? $"Retired {saved.Key}: new cases no longer get it." : $"{saved.Key} is back in use.", false);
            _templates = await ListAsync();
            _loadedKey = null;
            await OnParametersSetAsync();
        }
        catch (ValidationException v)
        {
            (_message, _messageIsProblem) = ("Not restored: " + string.Join(" ", v.Errors.Select(e => e.ErrorMessage)), true);
        }
        catch (DbUpdateConcurrencyException)
        {
            (_message, _messageIsProblem) = ("Someone else changed this template at the same moment: nothing was changed. Reload the page to see theirs.", true);
        }
        finally
        {
            _busy = false;
        }
    }

    private static void RowRender(Radzen.RowRenderEventArgs<ReplyTemplate> args)
    {
        if (args.Data?.Retired == true) args.Attributes["class"] = "retired-row";
    }

    private async Task<string> UserAsync() => (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
}
