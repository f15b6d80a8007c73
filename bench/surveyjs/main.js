// A minimal SurveyJS page (survey-core + the framework-free survey-js-ui), as its documentation starts one: the default
// theme's stylesheet (without the web fonts it fetches from Google), Dutch strings, the model rendered into a div.
import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import 'survey-core/i18n/dutch';
import 'survey-core/survey-core.fontless.min.css';

const survey = new Model(JSON.parse(document.getElementById('survey-json').textContent));
renderSurvey(survey, document.getElementById('survey'));
