package dev.azdo.emulator.wit;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.classification.ClassificationListener;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.Router;

/**
 * The wit area's work items: create, read, update, delete, recycle bin, bulk reads and deletes,
 * $batch, history, comments and attachments. Offers {@link WorkItemStore} to other areas.
 */
public final class WitModule implements EmulatorModule {

  private TagDefinitions tagDefinitions;

  @Override
  public void register(EmulatorContext ctx) {
    WitTables tables = new WitTables(ctx.store());
    WitServices services = new WitServices(ctx);
    tagDefinitions = new TagDefinitions(tables);
    WorkItemEngine engine = new WorkItemEngine(ctx, services, tables, tagDefinitions);
    WorkItemJson json = new WorkItemJson(ctx, services, tables);
    WorkItemsApi items = new WorkItemsApi(ctx, services, tables, engine, json);
    BatchApi batch = new BatchApi(ctx, services, engine, json);
    HistoryApi history = new HistoryApi(tables, engine, json);
    CommentReactionsApi reactions = new CommentReactionsApi(ctx, tables, engine);
    CommentsApi comments = new CommentsApi(ctx, tables, engine, json, reactions);
    AttachmentsApi attachments = new AttachmentsApi(ctx, services, tables);
    TagsApi tags = new TagsApi(ctx, services, tables, tagDefinitions::forgetTagNames);
    ctx.provide(WorkItemStore.class, new WorkItemStore(tables));
    ctx.provide(ClassificationListener.class, new TreeFollower(tables));

    Router r = ctx.router();
    r.area(ResourceArea.WIT);
    // Location ids, templates and versions as the service's OPTIONS _apis/wit lists them.
    r.route(
            ResourceArea.WIT,
            "workItems",
            "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b",
            "{project}/_apis/{area}/{resource}/{id}")
        .versions("1.0", "7.2", "7.1", 3)
        .get(items::get)
        .patch(items::update)
        .delete(items::delete);
    r.route(
            ResourceArea.WIT,
            "workItems",
            "62d3d110-0047-428c-ad3c-4fe872c91c74",
            "{project}/_apis/{area}/{resource}/${type}")
        .versions("1.0", "7.2", "7.1", 3)
        .get(items::template)
        .post(items::create)
        .patch(items::create);
    r.route(
            ResourceArea.WIT,
            "workItemsBatch",
            "908509b6-4248-4475-a1cd-829139ba419f",
            "{project}/_apis/{area}/{resource}")
        .versions("4.1", "7.2", "7.1", 1)
        .post(items::batchGet);
    r.route(
            ResourceArea.WIT,
            "workItemsDelete",
            "8bc57545-27e5-420d-b709-f6e3ebcc1fc1",
            "{project}/_apis/{area}/{resource}")
        .versions("7.0", "7.2", "7.1", 1)
        .post(items::deleteMany);
    r.route(
            ResourceArea.WIT,
            "recyclebin",
            "b70d8d39-926c-465e-b927-b1bf0e5ca0e0",
            "{project}/_apis/{area}/{resource}/{id}")
        .versions("4.1", "7.2", "7.1", 2)
        .get(items::recycleBinGet)
        .patch(items::restore)
        .delete(items::recycleBinDestroy);
    r.route(
            ResourceArea.WIT,
            "updates",
            "6570bf97-d02c-4a91-8d93-3abe9895b1a9",
            "{project}/_apis/{area}/workItems/{id}/{resource}/{updateNumber}")
        .versions("1.0", "7.2", "7.1", 3)
        .get(history::updates);
    r.route(
            ResourceArea.WIT,
            "revisions",
            "a00c85a5-80fa-4565-99c3-bcd2181434bb",
            "{project}/_apis/{area}/workItems/{id}/{resource}/{revisionNumber}")
        .versions("1.0", "7.2", "7.1", 3)
        .get(history::revisions);
    r.route(
            ResourceArea.WIT,
            "comments",
            "608aac0a-32e1-4493-a863-b9cf4566d257",
            "{project}/_apis/{area}/workItems/{workItemId}/{resource}/{commentId}")
        .versions("5.0", "7.2", "0.0", 4)
        // This comments API came with 5.1 (Azure DevOps Server 2019 Update 1); 2019 has none.
        .since("5.1")
        .get(comments::get)
        .post(comments::add)
        .patch(comments::edit)
        .delete(comments::delete);
    r.route(
            ResourceArea.WIT,
            "commentsVersions",
            "49e03b34-3be0-42e3-8a5d-e8dfb88ac954",
            "{project}/_apis/{area}/workItems/{workItemId}/comments/{commentId}/versions/{version}")
        .versions("5.0", "7.2", "0.0", 1)
        .get(comments::versions);
    r.route(
            ResourceArea.WIT,
            "commentReactions",
            "f6cb3f27-1028-4851-af96-887e570dc21f",
            "{project}/_apis/{area}/workItems/{workItemId}/comments/{commentId}/reactions/{reactionType}")
        .versions("5.1", "7.2", "0.0", 1)
        .get(reactions::list)
        .put(reactions::add)
        .delete(reactions::remove);
    r.route(
            ResourceArea.WIT,
            "commentReactionsEngagedUsers",
            "e33ca5e0-2349-4285-af3d-d72d86781c35",
            "{project}/_apis/{area}/workItems/{workItemId}/comments/{commentId}/reactions/{reactionType}/users")
        .versions("5.1", "7.2", "0.0", 1)
        .get(reactions::users);
    r.route(
            ResourceArea.WIT,
            "tags",
            "bc15bc60-e7a8-43cb-ab01-2106be3983a1",
            "{project}/_apis/{area}/{resource}/{tagIdOrName}")
        .versions("6.0", "7.2", "7.1", 1)
        .get(tags::get)
        .patch(tags::rename)
        .delete(tags::delete);
    r.route(
            ResourceArea.WIT,
            "attachments",
            "e07b5fa4-1499-494d-a496-64b860fd64ff",
            "{project}/_apis/{area}/{resource}/{id}/{fileName}")
        .versions("1.0", "7.2", "7.1", 3)
        .get(attachments::download)
        .post(attachments::upload)
        .put(attachments::chunk);
    // $batch is not a resource location: the service serves it at this fixed path.
    r.route(
            ResourceArea.WIT,
            "$batch",
            "cd3a0d1e-7a4c-4b2e-9a55-1f3e1b0c2a51",
            "_apis/{area}/$batch")
        .versions("1.0", "7.2", "7.1", 1)
        .post(batch::batch)
        .patch(batch::batch);
  }

  @Override
  public void seed(EmulatorContext ctx) {
    // A reset organization has no tag definitions.
    tagDefinitions.forgetTagNames();
  }
}
