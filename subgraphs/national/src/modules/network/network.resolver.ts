import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import { Types } from "mongoose";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { CountryInterface } from "../country-ref";
import { PartnerService } from "./partner.enums";
import { MAX_PARTNERS_PER_PAGE, partnersByIds, searchPartners } from "./partner.service";
import { Partner } from "./partner.type";
import { planProgress } from "./plan-progress.service";
import { ProgressNote } from "./plan-progress.type";
import { getWorkingGroup } from "./working-group.service";
import { WorkingGroup } from "./working-group.type";

/** The NCP network on a country: its partners (public), its working group and its progress on the Plan. */
@Resolver(() => CountryInterface)
export class NetworkResolver {
  @FieldResolver(() => [Partner], {
    nullable: true,
    description:
      'The country\'s partner organisations, by name; `countries { partners(service: SHELTER, language: "ru") }` searches the region',
  })
  partners(
    @Ctx() ctx: Context,
    @Arg("service", () => PartnerService, { nullable: true }) service?: PartnerService,
    @Arg("language", () => String, { nullable: true, description: "ISO 639-1 code, e.g. ru" })
    language?: string,
    @Arg("first", () => Int, { defaultValue: 50, description: `At most ${MAX_PARTNERS_PER_PAGE}` })
    first = 50,
  ): Promise<Partner[]> {
    return searchPartners(ctx.store, { service, language }, first);
  }

  @FieldResolver(() => WorkingGroup, {
    nullable: true,
    description: "The country's national working group (signed-in principals), or null if it has none yet",
  })
  @Policy("readNetwork", () => [])
  workingGroup(@Ctx() ctx: Context): Promise<WorkingGroup | null> {
    return getWorkingGroup(ctx.store);
  }

  @FieldResolver(() => [ProgressNote], {
    nullable: true,
    description: "The country's notes on its progress on the Plan of Action, newest first (at most 500)",
  })
  @Policy("readNetwork", () => [])
  planProgress(
    @Ctx() ctx: Context,
    @Arg("year", () => Int, { nullable: true }) year?: number,
    @Arg("itemId", () => ID, { nullable: true }) itemId?: string,
  ): Promise<ProgressNote[]> {
    return planProgress(ctx, { year, itemId });
  }
}

@Resolver(() => WorkingGroup)
export class WorkingGroupResolver {
  @FieldResolver(() => [Partner], { description: "Member organisations, from the country's partners" })
  members(@Root() group: WorkingGroup, @Ctx() ctx: Context): Promise<Partner[]> {
    return partnersByIds(
      ctx.store,
      group.memberIds.map((id) => new Types.ObjectId(id)),
    );
  }
}
