import { pinnedRef } from './actions';
import { optimizedWorkflow } from './optimized-workflow';
import { WORKFLOW_IMAGES, WORKFLOW_OPTIONS } from './option-shapes';
import { GhcrWorkflowImage, GhcrWorkflowSpecOptions, ImagePlatform, WorkflowRecipe } from './options';
import { tutorialWorkflow } from './tutorial-workflow';
import { WorkflowImage, workflowImages } from './workflow-images';
import { Workflow, workflowYaml } from './workflow-model';
import { resolveImageSettings, resolveWorkflowSettings, WORKFLOW_FILE, WorkflowSettings } from './workflow-settings';
import { renderWorkflowYaml } from './workflow-yaml';
import { RenderOptions } from '../util/render-options';
import { checkShape } from '../util/shape';
import { invalidOption } from '../util/validate';

const OWNER = 'GhcrWorkflow';
export { WORKFLOW_FILE };

/**
 * The GitHub Actions workflow that builds, tests and publishes pixi images to GHCR, free of
 * projen: rendered from the same image descriptions as the Dockerfiles, so it cannot drift.
 */
export class GhcrWorkflowSpec {
  /** The workflow layout. */
  public readonly recipe: WorkflowRecipe;
  /** The platforms built (OPTIMIZED). */
  public readonly platforms: ImagePlatform[];
  private readonly images: WorkflowImage[];
  private readonly settings: WorkflowSettings;

  /**
   * @param images the images to build; at least one
   * @param options workflow options; invalid values throw here
   */
  public constructor(images: GhcrWorkflowImage[], options: GhcrWorkflowSpecOptions = {}) {
    checkShape(OWNER, images, WORKFLOW_IMAGES, (path) => `images${path}`);
    if (images.length === 0) throw invalidOption(OWNER, 'images', [], 'at least one PixiDockerImage');
    checkShape(OWNER, options, WORKFLOW_OPTIONS);
    const settings = resolveWorkflowSettings(options);
    this.images = workflowImages(images, (image, i) => resolveImageSettings(image, i, options, settings));
    this.settings = settings;
    this.recipe = settings.recipe;
    this.platforms = settings.platforms;
  }

  /** The workflow as data, keys spelled as in the YAML file. */
  public toWorkflow(): any {
    return workflowYaml(this.render((ref) => ref));
  }

  /**
   * Renders the YAML file, with `# vX.Y.Z` comments after pinned actions.
   * @param options where to put a header comment
   */
  public renderYaml(options: RenderOptions = {}): string {
    return renderWorkflowYaml(OWNER, this.render((ref) => ref), options);
  }

  /** @internal renders with a custom action resolver (projen's GitHub action overrides). */
  public _render(resolve: (uses: string) => string): Workflow {
    return this.render(resolve);
  }

  private render(resolve: (uses: string) => string): Workflow {
    const settings = this.settings;
    if (settings.recipe === WorkflowRecipe.TUTORIAL) return tutorialWorkflow(this.images, settings, resolve);
    return optimizedWorkflow(this.images, settings, (action) => settings.actionOverrides[action.name] ?? resolve(pinnedRef(action)));
  }
}
