namespace SocialCrm.Workflows.Activities;

/// <summary>Maps an activity's short type alias to its implementation and descriptor.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, (Type Type, ActivityDescriptor Descriptor)> _byAlias = new(StringComparer.Ordinal);

    public ActivityRegistry Add<T>() where T : IActivity
    {
        if (!_byAlias.TryAdd(T.Descriptor.Type, (typeof(T), T.Descriptor)))
            throw new InvalidOperationException($"activity type '{T.Descriptor.Type}' is registered twice");
        return this;
    }

    public bool TryGet(string alias, out Type type, out ActivityDescriptor descriptor)
    {
        var found = _byAlias.TryGetValue(alias, out var entry);
        (type, descriptor) = entry;
        return found;
    }

    public IEnumerable<ActivityDescriptor> Descriptors => _byAlias.Values.Select(v => v.Descriptor).OrderBy(d => d.Type);
    public IEnumerable<Type> Types => _byAlias.Values.Select(v => v.Type);
}
