// "Set Image": pick the container, enter the image, roll it out (strategic merge patch, as
// kubectl set image) and follow the rollout until it completes or fails its progress deadline.
import * as vscode from 'vscode';
import { checkImageReference } from '../../../domain/workloads/imageReference';
import { shortImage } from '../../../domain/workloads/objectMeta';
import { planSetImage } from '../../../domain/workloads/rolloutPlans';
import { CommandIds } from '../../commandIds';
import { applyPlan, type MutationOutcome, readDeployment } from '../../workloads/deploymentMutation';
import { resolveDeploymentTarget } from '../../workloads/deploymentTarget';
import { followRolloutWithProgress } from '../../workloads/rolloutNotification';
import type { CommandFactory } from '../command';

export const setImageCommand: CommandFactory = (services) => ({
  id: CommandIds.setImage,
  async run(arg?: unknown, containerArg?: unknown, imageArg?: unknown, options?: unknown): Promise<MutationOutcome | undefined> {
    const target = await resolveDeploymentTarget(arg, services, 'Set Image');
    const input = target && (await readDeployment(target, false));
    if (!target || !input) return undefined;
    const containers = input.deployment.spec?.template?.spec?.containers ?? [];
    const container =
      typeof containerArg === 'string'
        ? containerArg
        : containers.length === 1
          ? containers[0]?.name
          : (
              await vscode.window.showQuickPick(
                containers.map((c) => ({ label: c.name, description: c.image ?? '' })),
                { title: `Set Image: container of ${target.name}`, placeHolder: 'Container whose image to change' },
              )
            )?.label;
    if (!container) return undefined;
    const currentImage = containers.find((c) => c.name === container)?.image ?? '';
    const tagAt = currentImage.lastIndexOf(':') > currentImage.lastIndexOf('/') ? currentImage.lastIndexOf(':') + 1 : currentImage.length;
    const image =
      typeof imageArg === 'string'
        ? imageArg
        : await vscode.window.showInputBox({
            title: `Set Image: ${target.name} / ${container} (${target.context}/${target.namespace})`,
            prompt: `New image for container ${container} (now ${shortImage(currentImage)}). The rollout is followed until it completes.`,
            value: currentImage,
            valueSelection: [tagAt, currentImage.length],
            ignoreFocusOut: true,
            // The grammar a kubelet parses with: say which part is wrong while typing, not after a rollout that cannot pull.
            validateInput: (v) => {
              const r = checkImageReference(v.trim());
              return r.ok ? undefined : `Not an image reference: ${r.reason}. Write [registry[:port]/]repository[:tag][@sha256:digest].`;
            },
          });
    if (image === undefined) return undefined;
    const outcome = await applyPlan(services, target, 'set image', planSetImage(input.deployment, container, image));
    if (outcome.applied && (options as { follow?: boolean } | undefined)?.follow !== false) await followRolloutWithProgress(target, `Rolling out ${shortImage(image.trim())}`, input.deployment);
    return outcome;
  },
});
