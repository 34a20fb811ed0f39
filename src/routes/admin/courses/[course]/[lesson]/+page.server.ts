import type { PageServerLoad } from './$types';
import { loadSourceEditor, sourceEditorActions } from '$lib/server/web/editor-page';
import { getLessonSource } from '$lib/server/courses/get-lesson-source';
import { listLessonVersions } from '$lib/server/courses/list-lesson-versions';
import { previewLesson } from '$lib/server/courses/preview-lesson';
import { saveLessonVersion } from '$lib/server/courses/save-lesson-version';
import { restoreLessonVersion } from '$lib/server/courses/restore-lesson-version';

export const load: PageServerLoad = async (event) =>
	loadSourceEditor(event, async (uses, { locale, view }) => {
		const input = { course: event.params.course, lesson: event.params.lesson, locale, view };
		const [source, history] = await Promise.all([
			getLessonSource({ ...uses, input }),
			listLessonVersions({ ...uses, input })
		]);
		const { viewed } = history;
		return [
			source,
			{
				versions: history.versions,
				viewed: viewed && { version: viewed.version, shown: viewed }
			}
		];
	});

export const actions = sourceEditorActions({
	where: (params) => ({ course: params.course ?? '', lesson: params.lesson ?? '' }),
	invalid: 'content_invalid',
	preview: previewLesson,
	save: saveLessonVersion,
	restore: restoreLessonVersion
});
