using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Analyse;
using SocialCrm.Stages.Models;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Templates;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Hosting;

/// <summary>What every host does before it takes traffic: migrate, import the stage workflows, seed settings, reply templates and the shipped models.</summary>
public sealed class SocialCrmInitializer(DatabaseMigrator migrator, WorkflowDefinitionStore workflows, SocialCrmOptions options,
    ModelRegistry models, ModelStore modelStore, SettingsStore settings, ReplyTemplateStore templates, ILogger<SocialCrmInitializer> log)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        if (!Directory.Exists(options.WorkflowsFolder))
            throw new DirectoryNotFoundException($"the workflows folder '{options.WorkflowsFolder}' does not exist (SocialCrm:WorkflowsFolder)");
        await using (await migrator.StartupLockAsync(ct))
        {
            var applied = await migrator.MigrateAsync(ct);
            if (applied.Count > 0) log.LogInformation("applied migrations: {Migrations}", string.Join(", ", applied));
            var imported = await workflows.ImportFolderAsync(options.WorkflowsFolder, ct);
            if (imported.Count > 0) log.LogInformation("imported workflows: {Workflows}", string.Join(", ", imported));
            await settings.SeedAsync(options.Settings, ct);
            await templates.SeedAsync(DefaultReplyTemplates.All, ct);
            var shipped = await modelStore.SeedShippedAsync(ShippedModel.All, ct);
            if (shipped.Count > 0) log.LogInformation("trained models shipped with SocialCrm now active: {Models}", string.Join(", ", shipped));
        }
        await models.RefreshAsync(ct);
    }
}
