namespace OzgLive.Web.Questions;

public static class QuestionsExtensions
{
    public static IHostApplicationBuilder AddQuestions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuestionOptions>().BindConfiguration("Questions");
        builder.Services.AddSingleton<QuestionStore>();
        builder.Services.AddSingleton<QuestionService>();
        builder.Services.AddSingleton<HeldWords>();
        builder.Services.AddSingleton<RateLimits>();
        builder.Services.AddSingleton<VoteBroadcaster>();
        builder.Services.AddSingleton<QuestionIntake>();
        builder.Services.AddSingleton<AskWriter>();
        builder.Services.AddSingleton<VoteWriter>();
        builder.Services.AddSingleton<ViewerIdentity>();
        return builder;
    }
}
